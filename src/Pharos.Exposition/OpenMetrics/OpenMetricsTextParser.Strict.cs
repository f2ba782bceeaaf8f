using System.Text;
using Pharos.Model;
using static Pharos.Exposition.Text.TextSyntax;

namespace Pharos.Exposition.OpenMetrics;

/// <summary>The per-family semantic checks of strict mode, modelled on the OpenMetrics reference parser.</summary>
public sealed partial class OpenMetricsTextParser
{
    private readonly HashSet<string> _seenNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenGroups = new(StringComparer.Ordinal);
    private readonly List<int> _sortedLabels = new(16);
    private byte[] _groupKey = new byte[256];
    private byte[] _candidateKey = new byte[256];
    private int _groupKeyLength;

    private bool _hasFamily;
    private int _familyStart;
    private int _familyEnd;
    private bool _familyHasType;
    private MetricType _familyType;
    private bool _familyHasHelp;
    private bool _familyHasUnit;
    private int _unitStart;
    private int _unitEnd;
    private bool _familyHasSamples;

    private bool _hasGroup;
    private bool _groupHasTimestamp;
    private double _groupTimestamp;

    private HistogramGroup _histogram;

    private static ReadOnlySpan<byte> Total => "_total"u8;

    private static ReadOnlySpan<byte> Created => "_created"u8;

    private static ReadOnlySpan<byte> Bucket => "_bucket"u8;

    private static ReadOnlySpan<byte> CountSuffix => "_count"u8;

    private static ReadOnlySpan<byte> Sum => "_sum"u8;

    private static ReadOnlySpan<byte> GaugeCount => "_gcount"u8;

    private static ReadOnlySpan<byte> GaugeSum => "_gsum"u8;

    private void ResetStrict()
    {
        _seenNames.Clear();
        _seenGroups.Clear();
        _hasFamily = false;
        _hasGroup = false;
        _histogram = default;
    }

    private ReadOnlySpan<byte> CurrentFamily => _input.Span[_familyStart.._familyEnd];

    private MetricType EffectiveType => _familyHasType ? _familyType : MetricType.Unknown;

    private void OnStrictMetadata(ExpositionEntry entry)
    {
        var span = _input.Span;
        var name = span[_nameStart.._nameEnd];
        if (_hasFamily && name.SequenceEqual(CurrentFamily))
        {
            if (_familyHasSamples)
            {
                Fail(_lineStart, "metadata must come before the samples of its family");
            }
        }
        else
        {
            if (_hasFamily)
            {
                CloseFamily();
            }

            OpenFamily(_nameStart, _nameEnd, hasType: false);
        }

        switch (entry)
        {
            case ExpositionEntry.Help:
                if (_familyHasHelp)
                {
                    Fail(_lineStart, "more than one HELP for this family");
                }

                _familyHasHelp = true;
                break;
            case ExpositionEntry.Type:
                if (_familyHasType)
                {
                    Fail(_lineStart, "more than one TYPE for this family");
                }

                _familyHasType = true;
                _familyType = _type;
                break;
            default:
                if (_familyHasUnit)
                {
                    Fail(_lineStart, "more than one UNIT for this family");
                }

                _familyHasUnit = true;
                _unitStart = _textStart;
                _unitEnd = _textEnd;
                break;
        }
    }

    private void OpenFamily(int start, int end, bool hasType)
    {
        _hasFamily = true;
        _familyStart = start;
        _familyEnd = end;
        _familyHasType = hasType;
        _familyType = MetricType.Unknown;
        _familyHasHelp = false;
        _familyHasUnit = false;
        _familyHasSamples = false;
        _hasGroup = false;
        _seenGroups.Clear();
        _histogram = default;
    }

    private void CloseFamily()
    {
        var type = EffectiveType;
        if (_histogram.Active && type is MetricType.Histogram or MetricType.GaugeHistogram)
        {
            CheckHistogramGroup();
        }

        var family = Encoding.UTF8.GetString(CurrentFamily);
        AddName(family);
        foreach (var suffix in SuffixNames(type))
        {
            AddName(family + suffix);
        }

        if (_familyHasUnit && _unitEnd > _unitStart)
        {
            var unit = _input.Span[_unitStart.._unitEnd];
            if (!HasUnitSuffix(CurrentFamily, unit))
            {
                Fail(_lineStart, "the metric name of a family with a UNIT must end in '_' and the unit");
            }

            if (type is MetricType.Info or MetricType.StateSet)
            {
                Fail(_lineStart, "info and stateset families cannot have a unit");
            }
        }

        _hasFamily = false;
    }

    private void AddName(string name)
    {
        if (!_seenNames.Add(name))
        {
            Fail(_lineStart, "metric family name clashes with an earlier family: " + name);
        }
    }

    private static string[] SuffixNames(MetricType type) => type switch
    {
        MetricType.Counter => ["_total", "_created"],
        MetricType.Summary => ["_count", "_sum", "_created"],
        MetricType.Histogram => ["_count", "_sum", "_bucket", "_created"],
        MetricType.GaugeHistogram => ["_gcount", "_gsum", "_bucket"],
        MetricType.Info => ["_info"],
        _ => [],
    };

    private bool IsAllowedSampleName(ReadOnlySpan<byte> sampleName)
    {
        var family = CurrentFamily;
        if (!sampleName.StartsWith(family))
        {
            return false;
        }

        var suffix = sampleName[family.Length..];
        return EffectiveType switch
        {
            MetricType.Counter => suffix.SequenceEqual(Total) || suffix.SequenceEqual(Created),
            MetricType.Summary => suffix.IsEmpty || suffix.SequenceEqual(CountSuffix) || suffix.SequenceEqual(Sum) || suffix.SequenceEqual(Created),
            MetricType.Histogram => suffix.SequenceEqual(CountSuffix) || suffix.SequenceEqual(Sum) || suffix.SequenceEqual(Bucket) || suffix.SequenceEqual(Created),
            MetricType.GaugeHistogram => suffix.SequenceEqual(GaugeCount) || suffix.SequenceEqual(GaugeSum) || suffix.SequenceEqual(Bucket),
            MetricType.Info => suffix.SequenceEqual("_info"u8),
            _ => suffix.IsEmpty,
        };
    }

    private void OnStrictSample(ReadOnlySpan<byte> span)
    {
        var sampleName = span[_seriesStart.._metricNameEnd];
        if (!_hasFamily || !IsAllowedSampleName(sampleName))
        {
            if (_hasFamily)
            {
                CloseFamily();
            }

            OpenFamily(_seriesStart, _metricNameEnd, hasType: true);
        }

        _familyHasSamples = true;
        var family = CurrentFamily;
        var suffix = sampleName[family.Length..];
        var type = EffectiveType;
        var value = _value;

        if (type == MetricType.StateSet && _labels.IndexOf(span, family) < 0)
        {
            Fail(_seriesStart, "a stateset sample needs a label named after its family");
        }

        var isBucket = suffix.SequenceEqual(Bucket);
        double le = 0;
        if (isBucket)
        {
            le = ParseBoundLabel(span, "le"u8, "a bucket needs a valid 'le' label");
            if (!IsInteger(value))
            {
                Fail(_seriesStart, "bucket values must be integers");
            }
        }

        if ((suffix.SequenceEqual(CountSuffix) || suffix.SequenceEqual(GaugeCount)) && !IsInteger(value))
        {
            Fail(_seriesStart, "count values must be integers");
        }

        if (type == MetricType.Summary && suffix.IsEmpty)
        {
            var quantile = ParseBoundLabel(span, "quantile"u8, "a summary quantile needs a valid 'quantile' label");
            if (!(quantile >= 0 && quantile <= 1))
            {
                Fail(_seriesStart, "quantile must be between 0 and 1");
            }
        }

        var sameGroup = CheckGroup(span, type, suffix.IsEmpty, isBucket);

        if (type == MetricType.StateSet && value != 0 && value != 1)
        {
            Fail(_seriesStart, "stateset values must be 0 or 1");
        }

        if (type == MetricType.Info && value != 1)
        {
            Fail(_seriesStart, "info values must be 1");
        }

        if (type == MetricType.Summary && suffix.IsEmpty && value < 0)
        {
            Fail(_seriesStart, "quantile values cannot be negative");
        }

        var counterLike = suffix.SequenceEqual(Total) || suffix.SequenceEqual(Sum) || suffix.SequenceEqual(CountSuffix)
            || isBucket || suffix.SequenceEqual(GaugeCount);
        if ((counterLike || suffix.SequenceEqual(GaugeSum)) && double.IsNaN(value))
        {
            Fail(_seriesStart, "counter-like samples cannot be NaN");
        }

        if (counterLike && value < 0)
        {
            Fail(_seriesStart, "counter-like samples cannot be negative");
        }

        if (_hasExemplar
            && !((type is MetricType.Histogram or MetricType.GaugeHistogram && sampleName.EndsWith(Bucket))
                || (type == MetricType.Counter && sampleName.EndsWith(Total))))
        {
            Fail(_seriesStart, "only histogram buckets and counter totals can have exemplars");
        }

        if (type is MetricType.Histogram or MetricType.GaugeHistogram && !suffix.IsEmpty)
        {
            TrackHistogram(suffix, sameGroup, isBucket, le, value);
        }
    }

    private static bool IsInteger(double value) => double.IsFinite(value) && Math.Floor(value) == value;

    /// <summary>Reads <c>le</c> or <c>quantile</c>: present, a number, and infinities spelled canonically.</summary>
    private double ParseBoundLabel(ReadOnlySpan<byte> span, ReadOnlySpan<byte> name, string reason)
    {
        var index = _labels.IndexOf(span, name);
        if (index < 0)
        {
            Fail(_seriesStart, reason);
        }

        var raw = _labels.RawValue(span, index);
        double bound = 0;
        if (raw.SequenceEqual("NaN"u8) || !TryParseFloat(raw, NumberDialect.Strict, out bound) || double.IsNaN(bound)
            || (double.IsInfinity(bound) && !raw.SequenceEqual("+Inf"u8) && !raw.SequenceEqual("-Inf"u8)))
        {
            Fail(_seriesStart, reason);
        }

        return bound;
    }

    /// <summary>
    /// Groups are the label sets of a family without <c>le</c>, <c>quantile</c> or the stateset label; each must be
    /// contiguous, and within one its timestamps are all present or all absent and never go backwards.
    /// </summary>
    /// <returns>Whether the sample continues the current group.</returns>
    private bool CheckGroup(ReadOnlySpan<byte> span, MetricType type, bool emptySuffix, bool isBucket)
    {
        ReadOnlySpan<byte> excluded = type switch
        {
            MetricType.Summary when emptySuffix => "quantile"u8,
            MetricType.StateSet => CurrentFamily,
            MetricType.Histogram or MetricType.GaugeHistogram when isBucket => "le"u8,
            _ => default,
        };
        var length = type == MetricType.Info ? 0 : BuildGroupKey(span, excluded);
        var key = _candidateKey.AsSpan(0, length);
        var same = _hasGroup && key.SequenceEqual(_groupKey.AsSpan(0, _groupKeyLength));
        if (!same)
        {
            var text = Encoding.UTF8.GetString(key);
            if (_hasGroup && _seenGroups.Contains(text))
            {
                Fail(_seriesStart, "samples of one label group are split up by another group");
            }

            _seenGroups.Add(text);
            (_groupKey, _candidateKey) = (_candidateKey, _groupKey);
            _groupKeyLength = length;
        }
        else
        {
            if (_hasTimestamp != _groupHasTimestamp)
            {
                Fail(_seriesStart, "timestamps must be present on all samples of a group or on none");
            }

            if (_hasTimestamp && _groupTimestamp > _timestampSeconds && type != MetricType.Info)
            {
                Fail(_seriesStart, "timestamps went backwards within a group");
            }
        }

        _hasGroup = true;
        _groupHasTimestamp = _hasTimestamp;
        _groupTimestamp = _hasTimestamp ? _timestampSeconds : 0;
        return same;
    }

    private int BuildGroupKey(ReadOnlySpan<byte> span, ReadOnlySpan<byte> excluded)
    {
        _sortedLabels.Clear();
        for (var i = 0; i < _labels.Count; i++)
        {
            if (excluded.IsEmpty || !_labels.Name(span, i).SequenceEqual(excluded))
            {
                var at = _sortedLabels.Count;
                while (at > 0 && _labels.Name(span, _sortedLabels[at - 1]).SequenceCompareTo(_labels.Name(span, i)) > 0)
                {
                    at--;
                }

                _sortedLabels.Insert(at, i);
            }
        }

        var n = 0;
        foreach (var i in _sortedLabels)
        {
            var name = _labels.Name(span, i);
            var value = _labels.RawValue(span, i);
            var need = n + name.Length + value.Length + 2;
            if (need > _candidateKey.Length)
            {
                Array.Resize(ref _candidateKey, Math.Max(need, _candidateKey.Length * 2));
            }

            name.CopyTo(_candidateKey.AsSpan(n));
            n += name.Length;
            _candidateKey[n++] = 0;
            value.CopyTo(_candidateKey.AsSpan(n));
            n += value.Length;
            _candidateKey[n++] = 0xFF;
        }

        return n;
    }

    private void TrackHistogram(ReadOnlySpan<byte> suffix, bool sameGroup, bool isBucket, double le, double value)
    {
        ref var h = ref _histogram;
        var sameTimestamp = h.HasTimestamp == _hasTimestamp && (!_hasTimestamp || h.Timestamp == _timestampSeconds);
        if (!h.Active || !sameGroup || !sameTimestamp)
        {
            if (h.Active)
            {
                CheckHistogramGroup();
            }

            h = default;
            h.Active = true;
        }

        h.HasTimestamp = _hasTimestamp;
        h.Timestamp = _hasTimestamp ? _timestampSeconds : 0;
        if (isBucket)
        {
            if (le < 0)
            {
                h.HasNegativeBuckets = true;
            }

            if (h.HasBucket && le <= h.LastBound)
            {
                Fail(_seriesStart, "histogram buckets must be in increasing 'le' order");
            }

            if (value < h.LastValue)
            {
                Fail(_seriesStart, "histogram bucket values must not decrease");
            }

            h.HasBucket = true;
            h.LastBound = le;
            h.LastValue = value;
        }
        else if (suffix.SequenceEqual(CountSuffix) || suffix.SequenceEqual(GaugeCount))
        {
            h.HasCount = true;
            h.Count = value;
        }
        else if (suffix.SequenceEqual(Sum))
        {
            h.HasSum = true;
        }
        else if (suffix.SequenceEqual(GaugeSum))
        {
            h.HasGaugeSum = true;
            h.HasNegativeGaugeSum |= value < 0;
        }
    }

    private void CheckHistogramGroup()
    {
        ref var h = ref _histogram;
        if (!h.HasBucket || !double.IsPositiveInfinity(h.LastBound))
        {
            Fail(_lineStart, "histogram is missing its '+Inf' bucket");
        }

        if (h.HasCount && h.LastValue != h.Count)
        {
            Fail(_lineStart, "histogram count does not match its '+Inf' bucket");
        }

        if ((h.HasSum || h.HasGaugeSum) != h.HasCount)
        {
            Fail(_lineStart, "histogram sum and count must both be present or both be absent");
        }

        if (h.HasNegativeBuckets && h.HasSum)
        {
            Fail(_lineStart, "a histogram with negative buckets cannot have a sum");
        }

        if (!h.HasNegativeBuckets && h.HasNegativeGaugeSum)
        {
            Fail(_lineStart, "a negative gauge histogram sum needs a negative bucket");
        }
    }

    private void FinishStrict()
    {
        if (_hasFamily)
        {
            CloseFamily();
        }
    }

    private struct HistogramGroup
    {
        public bool Active;
        public bool HasTimestamp;
        public double Timestamp;
        public bool HasBucket;
        public double LastBound;
        public double LastValue;
        public bool HasCount;
        public double Count;
        public bool HasSum;
        public bool HasGaugeSum;
        public bool HasNegativeBuckets;
        public bool HasNegativeGaugeSum;
    }
}
