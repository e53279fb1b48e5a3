package dev.bulwark.catalog;

import java.util.Map;

/** What a licence asks of whoever runs or ships the software, coarsely. */
public enum LicenseCategory {
  /** Attribution only: Apache-2.0, MIT, BSD, ISC. */
  PERMISSIVE,
  /** Changes to the licensed files stay open; larger works may differ: MPL-2.0, LGPL, EPL. */
  WEAK_COPYLEFT,
  /** Derived works, and for AGPL network use, must be released under the same terms. */
  STRONG_COPYLEFT,
  /**
   * Source is readable but use is restricted, so not open source: BUSL-1.1, SSPL-1.0, Elastic-2.0.
   */
  SOURCE_AVAILABLE,
  /** Not an identifier Bulwark knows. */
  UNKNOWN;

  private static final Map<String, LicenseCategory> KNOWN =
      Map.ofEntries(
          Map.entry("Apache-2.0", PERMISSIVE),
          Map.entry("MIT", PERMISSIVE),
          Map.entry("BSD-2-Clause", PERMISSIVE),
          Map.entry("BSD-3-Clause", PERMISSIVE),
          Map.entry("ISC", PERMISSIVE),
          Map.entry("0BSD", PERMISSIVE),
          Map.entry("Zlib", PERMISSIVE),
          Map.entry("Unlicense", PERMISSIVE),
          Map.entry("MPL-2.0", WEAK_COPYLEFT),
          Map.entry("LGPL-2.1-only", WEAK_COPYLEFT),
          Map.entry("LGPL-2.1-or-later", WEAK_COPYLEFT),
          Map.entry("LGPL-3.0-only", WEAK_COPYLEFT),
          Map.entry("LGPL-3.0-or-later", WEAK_COPYLEFT),
          Map.entry("EPL-2.0", WEAK_COPYLEFT),
          Map.entry("GPL-2.0-only", STRONG_COPYLEFT),
          Map.entry("GPL-2.0-or-later", STRONG_COPYLEFT),
          Map.entry("GPL-3.0-only", STRONG_COPYLEFT),
          Map.entry("GPL-3.0-or-later", STRONG_COPYLEFT),
          Map.entry("AGPL-3.0-only", STRONG_COPYLEFT),
          Map.entry("AGPL-3.0-or-later", STRONG_COPYLEFT),
          // BUSL-1.1 is SPDX's id for the Business Source License ("BSL"); SPDX's BSL-1.0 is Boost.
          Map.entry("BUSL-1.1", SOURCE_AVAILABLE),
          Map.entry("SSPL-1.0", SOURCE_AVAILABLE),
          Map.entry("Elastic-2.0", SOURCE_AVAILABLE),
          Map.entry("BSL-1.0", PERMISSIVE));

  /**
   * The category of an SPDX identifier; {@code LicenseRef-*} and unknown ids are {@link #UNKNOWN}.
   */
  public static LicenseCategory of(String spdxId) {
    return KNOWN.getOrDefault(spdxId, UNKNOWN);
  }

  /** Lower-case words for reports, e.g. {@code source-available}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
