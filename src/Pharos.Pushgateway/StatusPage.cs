using System.Net;
using System.Text;
using Pharos.Model;

namespace Pharos.Pushgateway;

/// <summary>
/// The server-rendered page at <c>/</c>: one section per group with its labels, last push time and metrics, and a
/// delete button that sends DELETE for the group's URL through a small inline script (no external assets).
/// </summary>
public static class StatusPage
{
    /// <summary>Renders the page.</summary>
    /// <param name="groups">The groups.</param>
    /// <param name="pathBase">The route prefix the page is served under (no trailing slash).</param>
    /// <returns>The HTML.</returns>
    public static string Render(IReadOnlyList<MetricGroup> groups, string pathBase)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Pharos Pushgateway</title>
            <style>
            body{font-family:sans-serif;margin:1.5em;color:#222}
            h1{font-size:1.4em}
            section{border:1px solid #ccc;border-radius:4px;margin:.8em 0;padding:.6em .9em}
            .label{display:inline-block;background:#e8eef7;border-radius:3px;padding:0 .4em;margin-right:.3em;font-family:monospace}
            .failed{color:#b00}
            table{border-collapse:collapse;margin-top:.4em}td,th{border:1px solid #ddd;padding:.15em .5em;font-family:monospace;text-align:left}
            button{float:right}
            </style></head><body>
            <h1>Pharos Pushgateway</h1>
            """);
        html.Append(CultureInfoInvariant($"<p>{groups.Count} group(s).</p>\n"));
        foreach (var group in groups)
        {
            var url = pathBase + "/metrics/" + string.Join('/', group.Key.Pairs
                .OrderBy(p => p.Key == "job" ? 0 : 1)
                .Select(p => p.Key + "@base64/" + GroupingKey.EncodeBase64(p.Value)));
            html.Append("<section><button data-url=\"").Append(Encode(url)).Append("\" onclick=\"deleteGroup(this)\">Delete group</button>");
            foreach (var (name, value) in group.Key.Pairs)
            {
                html.Append("<span class=\"label\">").Append(Encode(name)).Append("=\"").Append(Encode(value)).Append("\"</span>");
            }

            html.Append("<p>last push: ").Append(group.PushTime is { } t ? ApiJson.FormatTime(t) : "never");
            if (!group.LastPushSuccessful)
            {
                html.Append(" <span class=\"failed\">(last push failed at ").Append(ApiJson.FormatTime(group.FailureTime!.Value)).Append(")</span>");
            }

            if (group.ExpiresAt is { } expires)
            {
                html.Append(", expires: ").Append(ApiJson.FormatTime(expires));
            }

            html.Append("</p><table><tr><th>metric</th><th>type</th><th>labels</th><th>value</th></tr>");
            foreach (var (name, stored) in MetricStore.ExposedFamilies(group))
            {
                foreach (var point in stored.Family.Points)
                {
                    var value = point.Buckets.Count > 0 || point.Quantiles.Count > 0
                        ? $"count={GoFloat.FormatG(point.Count)} sum={GoFloat.FormatG(point.Sum)}"
                        : GoFloat.FormatG(point.Value);
                    html.Append("<tr><td>").Append(Encode(name)).Append("</td><td>")
                        .Append(MetricStore.TypeName(stored.Family.Type).ToLowerInvariant()).Append("</td><td>")
                        .Append(Encode(point.Labels.ToString())).Append("</td><td>").Append(Encode(value)).Append("</td></tr>");
                }
            }

            html.Append("</table></section>\n");
        }

        html.Append("""
            <script>
            function deleteGroup(button) {
              if (!confirm('Delete this group?')) return;
              fetch(button.dataset.url, {method: 'DELETE'}).then(function (r) {
                if (r.ok) location.reload(); else r.text().then(function (t) { alert('Delete failed: ' + t); });
              });
            }
            </script>
            </body></html>
            """);
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
