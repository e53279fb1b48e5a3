package dev.bulwark.console;

import java.util.List;
import java.util.function.Function;

/**
 * HTML built on the server. Every value from the cluster or the user passes through {@link #text},
 * so nothing a tenant writes into a resource becomes markup in another person's browser.
 */
final class Html {

  private Html() {}

  /** {@code value} escaped for element content and double-quoted attributes. */
  static String text(Object value) {
    String s = value == null ? "" : value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A table with a caption, header cells and rows of already-escaped cells. */
  static String table(String caption, List<String> headers, List<List<String>> rows) {
    StringBuilder out = new StringBuilder("<table>\n<caption>").append(text(caption));
    out.append("</caption>\n<thead><tr>");
    headers.forEach(h -> out.append("<th scope=\"col\">").append(text(h)).append("</th>"));
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows) {
      out.append("<tr>");
      row.forEach(cell -> out.append("<td>").append(cell).append("</td>"));
      out.append("</tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }

  /** Rows of {@code items}, each mapped to its cells. */
  static <T> List<List<String>> rows(List<T> items, Function<T, List<String>> cells) {
    return items.stream().map(cells).toList();
  }

  static String link(String href, Object label) {
    return "<a href=\"" + text(href) + "\">" + text(label) + "</a>";
  }

  /** The whole page: one stylesheet and one small script from the console itself, no CDN. */
  static String page(String title, Session session, String main) {
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s · Bulwark</title>
        <link rel="stylesheet" href="/static/console.css">
        <script src="/static/console.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
        <nav aria-label="Main">
        <ul>
        <li><a href="/">Tenants</a></li>
        <li><a href="/policies">Policies</a></li>
        <li><a href="/scorecard">Scorecard</a></li>
        </ul>
        </nav>
        <p class="user">Signed in as <strong>%s</strong></p>
        <form method="post" action="/logout"><input type="hidden" name="csrf" value="%s">\
        <button type="submit">Sign out</button></form>
        </header>
        <main id="main">
        <h1>%s</h1>
        %s
        </main>
        </body>
        </html>
        """
        .formatted(text(title), text(session.user()), text(session.csrf()), text(title), main);
  }
}
