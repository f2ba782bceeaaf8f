using YamlDotNet.RepresentationModel;

namespace Pharos.Alertmanager.Config;

/// <summary>Shows a configuration with every secret replaced by <c>&lt;secret&gt;</c>, as upstream's <c>/api/v2/status</c> does.</summary>
public static class ConfigRedactor
{
    /// <summary>The text upstream shows in place of a secret.</summary>
    public const string Secret = "<secret>";

    private static readonly HashSet<string> SecretKeys = new(
        IntegrationSpec.All.SelectMany(s => s.Fields.Where(f => f.Value == FieldKind.Secret).Select(f => f.Key))
            .Concat(["smtp_auth_password", "smtp_auth_secret", "slack_api_url", "opsgenie_api_key", "wechat_api_secret", "victorops_api_key", "password", "credentials", "bearer_token", "client_secret"]),
        StringComparer.Ordinal);

    /// <summary>Re-emits <paramref name="yaml"/> with secret values redacted.</summary>
    /// <param name="yaml">A valid configuration.</param>
    /// <returns>The redacted YAML.</returns>
    public static string Redact(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return "";
        }

        foreach (var doc in stream.Documents)
        {
            Walk(doc.RootNode);
        }

        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static void Walk(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children.ToList())
                {
                    if (key is YamlScalarNode { Value: { } name } && SecretKeys.Contains(name) && value is YamlScalarNode { Value.Length: > 0 })
                    {
                        map.Children[key] = new YamlScalarNode(Secret);
                    }
                    else
                    {
                        Walk(value);
                    }
                }

                break;
            case YamlSequenceNode seq:
                foreach (var child in seq.Children)
                {
                    Walk(child);
                }

                break;
        }
    }
}
