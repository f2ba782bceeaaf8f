using Pharos.Model;

namespace Pharos.Web;

/// <summary>The metadata of one metric family as exposed by one target.</summary>
/// <param name="Target">The target labels.</param>
/// <param name="Metric">The metric family name.</param>
/// <param name="Metadata">Type, help and unit.</param>
public sealed record TargetMetadata(Labels Target, string Metric, Metadata Metadata);
