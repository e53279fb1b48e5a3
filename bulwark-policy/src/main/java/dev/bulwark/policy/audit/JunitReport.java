package dev.bulwark.policy.audit;

import dev.bulwark.policy.engine.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI systems: a test suite per object, a test case per policy that applied to it,
 * failing when the policy found something that counts, skipped when exempted; input errors are
 * errors of a suite of their own.
 */
final class JunitReport {

  private JunitReport() {}

  static void write(AuditReport report, Writer out) throws IOException {
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "bulwark audit");
      xml.writeAttribute(
          "tests",
          String.valueOf(
              report.results().stream().mapToInt(JunitReport::tests).sum()
                  + report.errors().size()));
      xml.writeAttribute(
          "failures",
          String.valueOf(report.results().stream().mapToLong(JunitReport::failures).sum()));
      xml.writeAttribute("errors", String.valueOf(report.errors().size()));
      xml.writeCharacters("\n");
      for (ObjectResult r : report.results()) {
        suite(xml, r);
      }
      if (!report.errors().isEmpty()) {
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "input");
        xml.writeAttribute("tests", String.valueOf(report.errors().size()));
        xml.writeAttribute("failures", "0");
        xml.writeAttribute("errors", String.valueOf(report.errors().size()));
        for (InputError e : report.errors()) {
          xml.writeStartElement("testcase");
          xml.writeAttribute("classname", e.location().source());
          xml.writeAttribute("name", "line " + e.location().line());
          xml.writeStartElement("error");
          xml.writeAttribute("message", e.message());
          xml.writeCharacters(e.toString());
          xml.writeEndElement();
          xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
      }
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.writeCharacters("\n");
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  /** The policies that applied, or the one skipped case of an object nothing judged. */
  private static int tests(ObjectResult r) {
    return r.judged() ? r.evaluated().size() : 1;
  }

  private static long failures(ObjectResult r) {
    return r.evaluated().stream()
        .filter(id -> r.findings().stream().anyMatch(f -> f.policyId().equals(id) && f.counts()))
        .count();
  }

  private static void suite(XMLStreamWriter xml, ObjectResult r) throws XMLStreamException {
    xml.writeStartElement("testsuite");
    xml.writeAttribute(
        "name", r.location().source() + ":" + r.location().line() + " " + r.describe());
    xml.writeAttribute("tests", String.valueOf(tests(r)));
    xml.writeAttribute("failures", String.valueOf(failures(r)));
    xml.writeAttribute("errors", "0");
    if (!r.judged()) {
      // A skipped case rather than an empty suite, which CI systems show as passed.
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", r.describe());
      xml.writeAttribute("name", "not judged");
      xml.writeStartElement("skipped");
      xml.writeAttribute("message", "a custom kind no policy matches");
      xml.writeEndElement();
      xml.writeEndElement();
    }
    for (String id : r.evaluated()) {
      List<Finding> findings = r.findings().stream().filter(f -> f.policyId().equals(id)).toList();
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", r.describe());
      xml.writeAttribute("name", id);
      List<Finding> counting = findings.stream().filter(Finding::counts).toList();
      if (!counting.isEmpty()) {
        xml.writeStartElement("failure");
        xml.writeAttribute("type", counting.get(0).severity().label());
        xml.writeAttribute("message", counting.get(0).message());
        StringBuilder text = new StringBuilder();
        for (Finding f : counting) {
          text.append(r.location())
              .append(": [")
              .append(f.severity().label())
              .append("] ")
              .append(f.message())
              .append('\n');
        }
        text.append("remediation: ").append(counting.get(0).policy().remediation());
        xml.writeCharacters(text.toString());
        xml.writeEndElement();
      } else if (!findings.isEmpty()) {
        xml.writeStartElement("skipped");
        xml.writeAttribute("message", "exempt: " + findings.get(0).exemption().reason());
        xml.writeEndElement();
      }
      xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeCharacters("\n");
  }
}
