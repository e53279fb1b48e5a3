package dev.bulwark.render;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Everything a spec asks for, sorted by object key so that every consumer sees one order. */
public record DesiredState(List<DesiredObject> objects) {

  public DesiredState {
    objects = objects.stream().sorted(Comparator.comparing(DesiredObject::key)).toList();
  }

  public int size() {
    return objects.size();
  }

  /** Object counts by capability, then tenant, in name order. */
  public Map<String, Map<String, Long>> countsByCapabilityAndTenant() {
    return objects.stream()
        .collect(
            Collectors.groupingBy(
                DesiredObject::capability,
                TreeMap::new,
                Collectors.groupingBy(DesiredObject::tenant, TreeMap::new, Collectors.counting())));
  }
}
