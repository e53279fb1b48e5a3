package dev.bulwark.cli.delivery;

import dev.bulwark.cli.Tables;
import dev.bulwark.delivery.ImagePin;
import dev.bulwark.delivery.PendingRequest;
import dev.bulwark.delivery.PromotionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The promotion table {@code bulwark status --repo} prints: one line per application and
 * environment.
 */
final class PromotionTable {

  private PromotionTable() {}

  static String render(List<PromotionStatus.Row> rows) {
    if (rows.isEmpty()) {
      return "no application with an image in the spec\n";
    }
    List<List<String>> table = new ArrayList<>();
    table.add(
        List.of("TENANT", "APPLICATION", "ENVIRONMENT", "PROMOTION", "IMAGE", "PENDING APPROVAL"));
    for (PromotionStatus.Row row : rows) {
      table.add(
          List.of(
              row.target().tenant(),
              row.target().application(),
              row.environment(),
              row.mode().map(m -> m.name().toLowerCase(Locale.ROOT)).orElse("-"),
              row.pin().map(ImagePin::describe).orElse("no entry in the tree"),
              row.pending().map(PromotionTable::pending).orElse("-")));
    }
    return Tables.render(table);
  }

  private static String pending(PendingRequest request) {
    return request.digest()
        + " requested by "
        + request.requestedBy()
        + " at "
        + request.requestedAt();
  }
}
