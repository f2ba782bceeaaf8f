using Pharos.Model;
using Pharos.Model.Relabel;
using YamlDotNet.RepresentationModel;

namespace Pharos.Config;

/// <summary>Reads and validates relabeling lists (<c>relabel_configs</c> and friends) with upstream's defaults and errors.</summary>
internal static class RelabelConfigReader
{
    public static List<RelabelConfig> ReadList(ConfigSection parent, string key, NameValidationScheme scheme, string nullError) =>
        parent.List(key, (node, path, _) => Read(parent.Open(node!, path, "relabel.Config"), scheme), nullError) ?? [];

    public static RelabelConfig Read(ConfigSection m, NameValidationScheme scheme)
    {
        var sourceNode = m.Get("source_labels");
        var sources = m.StringList("source_labels");
        if (sources is not null)
        {
            for (var i = 0; i < sources.Count; i++)
            {
                if (!NameValidation.IsValidLabelName(sources[i], scheme))
                {
                    var node = ((YamlSequenceNode)sourceNode!).Children[i];
                    throw m.Error(node, $"{ConfigSection.Join(m.Path, "source_labels")}[{i}]", $"{GoQuoting.Quote(sources[i])} is not a valid label name");
                }
            }
        }

        RelabelAction action = RelabelAction.Replace;
        if (m.String("action") is { } actionText && !RelabelConfig.TryParseAction(actionText, out action))
        {
            throw m.Error("action", $"unknown relabel action {GoQuoting.Quote(actionText)}");
        }

        // A null regex reads as the empty pattern, as upstream.
        m.MarkUsed("regex");
        var regexPresent = m.Keys.Contains("regex");
        var regex = m.String("regex") ?? (regexPresent ? "" : RelabelConfig.DefaultRegex);
        var modulus = m.UInt("modulus") ?? 0;
        var config = new RelabelConfig
        {
            SourceLabels = sources ?? [],
            SourceLabelsSet = sources is not null,
            Separator = m.String("separator") ?? RelabelConfig.DefaultSeparator,
            Regex = regex,
            RegexSet = regexPresent,
            Modulus = modulus,
            TargetLabel = m.String("target_label") ?? "",
            Replacement = m.String("replacement") ?? RelabelConfig.DefaultReplacement,
            Action = action,
        };
        m.Finish();

        if (!config.TryValidate(scheme, out var error))
        {
            var field = error.StartsWith("error parsing regexp", StringComparison.Ordinal) ? "regex" : null;
            throw field is not null ? m.Error(field, error) : m.Error(error);
        }

        return config;
    }
}
