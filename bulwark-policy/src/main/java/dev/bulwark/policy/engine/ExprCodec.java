package dev.bulwark.policy.engine;

import com.google.common.collect.ImmutableList;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.values.NullValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A compact form of a checked expression tree, for {@link CheckedAstCache}: exactly what Bulwark's
 * evaluator reads of a checked AST (the expression tree with its ids; it never reads the type map,
 * and a reference only on a select, which it does not compile). Reading it back costs a fraction of
 * cel-java's protobuf form, whose parsing and conversion were a third of a small audit. Trees with
 * anything the evaluator does not compile (a reference on a select, message construction, uint,
 * bytes and other constants) have no compact form and are checked at every run.
 */
final class ExprCodec {

  private static final int FORMAT = 1;

  private ExprCodec() {}

  /** Thrown while encoding a tree that has no compact form; never escapes {@link #encode}. */
  private static final class NoCompactForm extends RuntimeException {
    NoCompactForm() {
      super(null, null, false, false);
    }
  }

  /** The compact form of a checked AST, or empty when it has none. */
  static Optional<byte[]> encode(CelAbstractSyntaxTree ast) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      new Writer(ast, out).expr(ast.getExpr());
    } catch (NoCompactForm e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return Optional.of(bytes.toByteArray());
  }

  /**
   * The checked expression tree, from its compact form.
   *
   * @throws IOException if the bytes are not a compact form
   */
  static CelExpr decode(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        throw new IOException("not a compact expression of format " + FORMAT);
      }
      CelExpr expr = readExpr(in);
      if (in.available() > 0) {
        throw new IOException("bytes after the expression");
      }
      return expr;
    }
  }

  private record Writer(CelAbstractSyntaxTree ast, DataOutputStream out) {

    void expr(CelExpr e) throws IOException {
      out.writeLong(e.id());
      out.writeByte(e.getKind().ordinal());
      switch (e.getKind()) {
        case CONSTANT -> constant(e.constant());
        case IDENT -> out.writeUTF(e.ident().name());
        case SELECT -> {
          if (ast.getReference(e.id()).isPresent()) {
            throw new NoCompactForm();
          }
          expr(e.select().operand());
          out.writeUTF(e.select().field());
          out.writeBoolean(e.select().testOnly());
        }
        case CALL -> {
          out.writeBoolean(e.call().target().isPresent());
          if (e.call().target().isPresent()) {
            expr(e.call().target().get());
          }
          out.writeUTF(e.call().function());
          exprs(e.call().args());
        }
        case LIST -> {
          exprs(e.list().elements());
          out.writeInt(e.list().optionalIndices().size());
          for (int index : e.list().optionalIndices()) {
            out.writeInt(index);
          }
        }
        case MAP -> {
          out.writeInt(e.map().entries().size());
          for (CelExpr.CelMap.Entry entry : e.map().entries()) {
            out.writeLong(entry.id());
            expr(entry.key());
            expr(entry.value());
            out.writeBoolean(entry.optionalEntry());
          }
        }
        case COMPREHENSION -> comprehension(e.comprehension());
        default -> throw new NoCompactForm();
      }
    }

    private void comprehension(CelExpr.CelComprehension c) throws IOException {
      out.writeUTF(c.iterVar());
      out.writeUTF(c.iterVar2());
      expr(c.iterRange());
      out.writeUTF(c.accuVar());
      expr(c.accuInit());
      expr(c.loopCondition());
      expr(c.loopStep());
      expr(c.result());
    }

    private void exprs(java.util.List<CelExpr> list) throws IOException {
      out.writeInt(list.size());
      for (CelExpr e : list) {
        expr(e);
      }
    }

    private void constant(CelConstant c) throws IOException {
      out.writeByte(c.getKind().ordinal());
      switch (c.getKind()) {
        case NULL_VALUE -> {}
        case BOOLEAN_VALUE -> out.writeBoolean(c.booleanValue());
        case INT64_VALUE -> out.writeLong(c.int64Value());
        case DOUBLE_VALUE -> out.writeDouble(c.doubleValue());
        case STRING_VALUE -> {
          byte[] text = c.stringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
          out.writeInt(text.length);
          out.write(text);
        }
        default -> throw new NoCompactForm();
      }
    }
  }

  private static CelExpr readExpr(DataInputStream in) throws IOException {
    long id = in.readLong();
    CelExpr.ExprKind.Kind kind = enumAt(CelExpr.ExprKind.Kind.values(), in.readByte());
    return switch (kind) {
      case CONSTANT -> CelExpr.ofConstant(id, readConstant(in));
      case IDENT -> CelExpr.ofIdent(id, in.readUTF());
      case SELECT -> CelExpr.ofSelect(id, readExpr(in), in.readUTF(), in.readBoolean());
      case CALL -> {
        Optional<CelExpr> target = in.readBoolean() ? Optional.of(readExpr(in)) : Optional.empty();
        yield CelExpr.ofCall(id, target, in.readUTF(), readExprs(in));
      }
      case LIST -> {
        ImmutableList<CelExpr> elements = readExprs(in);
        ImmutableList.Builder<Integer> optional = ImmutableList.builder();
        for (int i = readCount(in); i > 0; i--) {
          optional.add(in.readInt());
        }
        yield CelExpr.ofList(id, elements, optional.build());
      }
      case MAP -> {
        ImmutableList.Builder<CelExpr.CelMap.Entry> entries = ImmutableList.builder();
        for (int i = readCount(in); i > 0; i--) {
          entries.add(
              CelExpr.ofMapEntry(in.readLong(), readExpr(in), readExpr(in), in.readBoolean()));
        }
        yield CelExpr.ofMap(id, entries.build());
      }
      case COMPREHENSION ->
          CelExpr.ofComprehension(
              id,
              in.readUTF(),
              in.readUTF(),
              readExpr(in),
              in.readUTF(),
              readExpr(in),
              readExpr(in),
              readExpr(in),
              readExpr(in));
      default -> throw new IOException("an expression of kind " + kind + " is never written");
    };
  }

  private static ImmutableList<CelExpr> readExprs(DataInputStream in) throws IOException {
    ImmutableList.Builder<CelExpr> list = ImmutableList.builder();
    for (int i = readCount(in); i > 0; i--) {
      list.add(readExpr(in));
    }
    return list.build();
  }

  private static CelConstant readConstant(DataInputStream in) throws IOException {
    CelConstant.Kind kind = enumAt(CelConstant.Kind.values(), in.readByte());
    return switch (kind) {
      case NULL_VALUE -> CelConstant.ofValue(NullValue.NULL_VALUE);
      case BOOLEAN_VALUE -> CelConstant.ofValue(in.readBoolean());
      case INT64_VALUE -> CelConstant.ofValue(in.readLong());
      case DOUBLE_VALUE -> CelConstant.ofValue(in.readDouble());
      case STRING_VALUE ->
          CelConstant.ofValue(
              new String(in.readNBytes(readCount(in)), java.nio.charset.StandardCharsets.UTF_8));
      default -> throw new IOException("a constant of kind " + kind + " is never written");
    };
  }

  private static int readCount(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available()) {
      throw new IOException("a count of " + count + " beyond the content");
    }
    return count;
  }

  private static <E extends Enum<E>> E enumAt(E[] values, int ordinal) throws IOException {
    if (ordinal < 0 || ordinal >= values.length) {
      throw new IOException("no kind number " + ordinal);
    }
    return values[ordinal];
  }
}
