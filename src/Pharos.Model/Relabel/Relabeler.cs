using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pharos.Model.Relabel;

/// <summary>
/// Applies relabeling rules in order, as Prometheus's <c>relabel.Process</c>: the first rule that drops the label set
/// stops processing. Stateless and thread-safe; the builder passed in is the caller's and is mutated.
/// </summary>
public static class Relabeler
{
    /// <summary>Applies <paramref name="configs"/> to the labels held by <paramref name="builder"/>.</summary>
    /// <param name="builder">The labels to rewrite; mutated in place.</param>
    /// <param name="configs">Validated rules, applied in order.</param>
    /// <returns>False when a rule dropped the label set (the builder's content is then unspecified).</returns>
    public static bool Process(LabelsBuilder builder, IReadOnlyList<RelabelConfig> configs)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configs);
        for (var i = 0; i < configs.Count; i++)
        {
            if (!Apply(configs[i], builder))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Applies <paramref name="configs"/> to <paramref name="labels"/>.</summary>
    /// <param name="labels">The input labels (not modified).</param>
    /// <param name="configs">Validated rules, applied in order.</param>
    /// <param name="result">The rewritten labels, or empty when dropped.</param>
    /// <returns>False when a rule dropped the label set.</returns>
    public static bool Process(Labels labels, IReadOnlyList<RelabelConfig> configs, out Labels result)
    {
        var builder = new LabelsBuilder(labels);
        if (!Process(builder, configs))
        {
            result = Labels.Empty;
            return false;
        }

        result = builder.ToLabels();
        return true;
    }

    private static bool Apply(RelabelConfig cfg, LabelsBuilder lb)
    {
        var value = JoinSources(cfg, lb);
        switch (cfg.Action)
        {
            case RelabelAction.Drop:
                return !cfg.Matcher.Matches(value);
            case RelabelAction.Keep:
                return cfg.Matcher.Matches(value);
            case RelabelAction.DropEqual:
                return lb.Get(cfg.TargetLabel) != value;
            case RelabelAction.KeepEqual:
                return lb.Get(cfg.TargetLabel) == value;
            case RelabelAction.Replace:
                Replace(cfg, lb, value);
                return true;
            case RelabelAction.Lowercase:
                lb.Set(cfg.TargetLabel, value.ToLowerInvariant());
                return true;
            case RelabelAction.Uppercase:
                lb.Set(cfg.TargetLabel, value.ToUpperInvariant());
                return true;
            case RelabelAction.HashMod:
                lb.Set(cfg.TargetLabel, HashMod(value, cfg.Modulus).ToString(CultureInfo.InvariantCulture));
                return true;
            case RelabelAction.LabelMap:
                foreach (var label in Snapshot(lb))
                {
                    var match = cfg.CompiledRegex.Match(label.Name);
                    if (match.Success)
                    {
                        var name = RegexTemplate.Expand(cfg.Replacement, match, cfg.Matcher.GroupNames);
                        if (name.Length > 0)
                        {
                            lb.Set(name, label.Value);
                        }
                    }
                }

                return true;
            case RelabelAction.LabelDrop:
                foreach (var label in Snapshot(lb))
                {
                    if (cfg.Matcher.Matches(label.Name))
                    {
                        lb.Delete(label.Name);
                    }
                }

                return true;
            case RelabelAction.LabelKeep:
                foreach (var label in Snapshot(lb))
                {
                    if (!cfg.Matcher.Matches(label.Name))
                    {
                        lb.Delete(label.Name);
                    }
                }

                return true;
            default:
                throw new InvalidOperationException($"relabel: unknown relabel action type {cfg.Action}");
        }
    }

    /// <summary>
    /// The <c>hashmod</c> value: the last eight bytes of the MD5 of <paramref name="value"/>, big-endian, modulo
    /// <paramref name="modulus"/>, as upstream (which kept the last half of the digest for compatibility).
    /// </summary>
    /// <param name="value">The joined source label values.</param>
    /// <param name="modulus">The modulus (non-zero).</param>
    /// <returns>The bucket.</returns>
    public static ulong HashMod(string value, ulong modulus)
    {
        Span<byte> digest = stackalloc byte[16];
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var buffer = byteCount <= 256 ? stackalloc byte[256] : new byte[byteCount];
        var written = Encoding.UTF8.GetBytes(value, buffer);
#pragma warning disable CA5351 // MD5 is the documented, compatible hash here, not a security measure.
        MD5.HashData(buffer[..written], digest);
#pragma warning restore CA5351
        return BinaryPrimitives.ReadUInt64BigEndian(digest[8..]) % modulus;
    }

    private static void Replace(RelabelConfig cfg, LabelsBuilder lb, string value)
    {
        // As upstream's fast path: an empty input with the default regex writes the literal replacement.
        if (value.Length == 0 && !cfg.RegexSet && cfg.Regex == RelabelConfig.DefaultRegex
            && !RegexTemplate.HasVariables(cfg.TargetLabel) && !RegexTemplate.HasVariables(cfg.Replacement))
        {
            lb.Set(cfg.TargetLabel, cfg.Replacement);
            return;
        }

        var match = cfg.CompiledRegex.Match(value);
        if (!match.Success)
        {
            return;
        }

        var groups = cfg.Matcher.GroupNames;
        var target = RegexTemplate.Expand(cfg.TargetLabel, match, groups);
        // Upstream checks the expanded name with the process-wide scheme, which is UTF-8 in Prometheus 3.
        if (!NameValidation.IsValidLabelName(target, NameValidationScheme.Utf8))
        {
            return;
        }

        var result = RegexTemplate.Expand(cfg.Replacement, match, groups);
        if (result.Length == 0)
        {
            lb.Delete(target);
        }
        else
        {
            lb.Set(target, result);
        }
    }

    private static string JoinSources(RelabelConfig cfg, LabelsBuilder lb)
    {
        var sources = cfg.SourceLabels;
        switch (sources.Count)
        {
            case 0:
                return string.Empty;
            case 1:
                return lb.Get(sources[0]);
            default:
                var sb = new StringBuilder();
                for (var i = 0; i < sources.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(cfg.Separator);
                    }

                    sb.Append(lb.Get(sources[i]));
                }

                return sb.ToString();
        }
    }

    private static List<Label> Snapshot(LabelsBuilder lb)
    {
        var labels = new List<Label>(lb.Count);
        lb.ForEach(labels.Add);
        return labels;
    }
}
