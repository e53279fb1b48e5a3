package dev.bulwark.cli;

import dev.bulwark.render.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The table {@code bulwark plan} prints: objects per capability (rows) and tenant (columns). */
final class PlanSummary {

  private PlanSummary() {}

  static String table(DesiredState state) {
    Map<String, Map<String, Long>> counts = state.countsByCapabilityAndTenant();
    TreeSet<String> tenants = new TreeSet<>();
    counts.values().forEach(m -> tenants.addAll(m.keySet()));
    List<String> header = new ArrayList<>(List.of("CAPABILITY"));
    header.addAll(tenants);
    header.add("TOTAL");
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    long[] columnTotals = new long[tenants.size()];
    counts.forEach(
        (capability, byTenant) -> {
          List<String> row = new ArrayList<>(List.of(capability));
          int i = 0;
          long total = 0;
          for (String tenant : tenants) {
            long n = byTenant.getOrDefault(tenant, 0L);
            row.add(n == 0 ? "-" : Long.toString(n));
            columnTotals[i++] += n;
            total += n;
          }
          row.add(Long.toString(total));
          rows.add(row);
        });
    List<String> totals = new ArrayList<>(List.of("TOTAL"));
    for (long n : columnTotals) {
      totals.add(Long.toString(n));
    }
    totals.add(Integer.toString(state.size()));
    rows.add(totals);
    return Tables.render(rows);
  }
}
