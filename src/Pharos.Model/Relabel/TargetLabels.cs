namespace Pharos.Model.Relabel;

/// <summary>
/// Derives a scrape target's labels from discovered ones, as Prometheus's <c>PopulateLabels</c>: target labels win
/// over group labels, the job's defaults fill what is missing, target relabeling runs, <c>__address__</c> is required,
/// interval and timeout are re-checked, <c>__meta_*</c> labels go and <c>instance</c> defaults to the address.
/// Stateless and thread-safe.
/// </summary>
public static class TargetLabels
{
    /// <summary>The discovered labels of a target before relabeling (what the targets page shows as "discovered").</summary>
    /// <param name="builder">Scratch builder; reset here.</param>
    /// <param name="settings">The job's defaults.</param>
    /// <param name="targetLabels">The target's own labels (at least <c>__address__</c>).</param>
    /// <param name="groupLabels">The labels of its target group.</param>
    /// <returns>The discovered labels.</returns>
    public static Labels PopulateDiscovered(LabelsBuilder builder, ScrapeTargetSettings settings, Labels targetLabels, Labels groupLabels)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Reset(Labels.Empty);
        foreach (var l in targetLabels)
        {
            builder.Set(l.Name, l.Value);
        }

        foreach (var l in groupLabels)
        {
            if (!targetLabels.Has(l.Name))
            {
                builder.Set(l.Name, l.Value);
            }
        }

        SetIfEmpty(builder, LabelNames.Job, settings.JobName);
        SetIfEmpty(builder, LabelNames.ScrapeInterval, PrometheusDuration.Format(settings.ScrapeInterval));
        SetIfEmpty(builder, LabelNames.ScrapeTimeout, PrometheusDuration.Format(settings.ScrapeTimeout));
        SetIfEmpty(builder, LabelNames.MetricsPath, settings.MetricsPath);
        SetIfEmpty(builder, LabelNames.Scheme, settings.Scheme);
        foreach (var (name, values) in settings.Params)
        {
            if (values.Count > 0)
            {
                SetIfEmpty(builder, LabelNames.ParamPrefix + name, values[0]);
            }
        }

        return builder.ToLabels();
    }

    /// <summary>Computes the labels a target is scraped with, or why it cannot be.</summary>
    /// <param name="builder">Scratch builder; reset here.</param>
    /// <param name="settings">The job's defaults and relabeling rules.</param>
    /// <param name="targetLabels">The target's own labels.</param>
    /// <param name="groupLabels">The labels of its target group.</param>
    /// <param name="error">Why the target is invalid (e.g. <c>no address</c>), or null.</param>
    /// <returns>
    /// The labels, still including reserved ones such as <c>__address__</c> (see <see cref="WithoutReserved"/>); empty
    /// with a null <paramref name="error"/> when relabeling dropped the target.
    /// </returns>
    public static Labels Populate(LabelsBuilder builder, ScrapeTargetSettings settings, Labels targetLabels, Labels groupLabels, out string? error)
    {
        error = null;
        PopulateDiscovered(builder, settings, targetLabels, groupLabels);
        if (!Relabeler.Process(builder, settings.RelabelConfigs))
        {
            return Labels.Empty;
        }

        var address = builder.Get(LabelNames.Address);
        if (address.Length == 0)
        {
            error = "no address";
            return Labels.Empty;
        }

        if (address.Contains('/', StringComparison.Ordinal))
        {
            error = $"\"{address}\" is not a valid hostname";
            return Labels.Empty;
        }

        var interval = builder.Get(LabelNames.ScrapeInterval);
        if (!PrometheusDuration.TryParse(interval, out var intervalDuration, out var parseError))
        {
            error = $"error parsing scrape interval: {parseError}";
            return Labels.Empty;
        }

        if (intervalDuration == TimeSpan.Zero)
        {
            error = "scrape interval cannot be 0";
            return Labels.Empty;
        }

        var timeout = builder.Get(LabelNames.ScrapeTimeout);
        if (!PrometheusDuration.TryParse(timeout, out var timeoutDuration, out parseError))
        {
            error = $"error parsing scrape timeout: {parseError}";
            return Labels.Empty;
        }

        if (timeoutDuration == TimeSpan.Zero)
        {
            error = "scrape timeout cannot be 0";
            return Labels.Empty;
        }

        if (timeoutDuration > intervalDuration)
        {
            error = $"scrape timeout cannot be greater than scrape interval (\"{timeout}\" > \"{interval}\")";
            return Labels.Empty;
        }

        // Meta labels end here; other reserved labels (__tmp*, __address__, …) travel with the target, which leaves
        // them out of its public label set.
        var meta = new List<string>();
        builder.ForEach(l =>
        {
            if (l.Name.StartsWith(LabelNames.MetaPrefix, StringComparison.Ordinal))
            {
                meta.Add(l.Name);
            }
        });
        foreach (var name in meta)
        {
            builder.Delete(name);
        }

        SetIfEmpty(builder, LabelNames.Instance, address);
        var result = builder.ToLabels();
        foreach (var l in result)
        {
            if (!NameValidation.IsValidLabelValue(l.Value))
            {
                error = $"invalid label value for \"{l.Name}\": \"{l.Value}\"";
                return Labels.Empty;
            }
        }

        return result;
    }

    /// <summary>The labels a target's series carry: all but those starting with <c>__</c> (address, scheme, <c>__tmp*</c>, …).</summary>
    /// <param name="labels">Labels from <see cref="Populate"/>.</param>
    /// <returns>The public labels.</returns>
    public static Labels WithoutReserved(Labels labels)
    {
        var builder = new LabelsBuilder(labels);
        foreach (var l in labels)
        {
            if (l.Name.StartsWith(LabelNames.ReservedPrefix, StringComparison.Ordinal))
            {
                builder.Delete(l.Name);
            }
        }

        return builder.ToLabels();
    }

    private static void SetIfEmpty(LabelsBuilder builder, string name, string value)
    {
        if (builder.Get(name).Length == 0)
        {
            builder.Set(name, value);
        }
    }
}
