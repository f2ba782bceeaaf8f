namespace Pharos.Hosting.Web;

/// <summary>The resolved web flags of a component host.</summary>
/// <param name="ListenAddress">Where to listen (<c>--web.listen-address</c>).</param>
/// <param name="Config">The parsed <c>--web.config.file</c>, or null when none was given.</param>
/// <param name="ConfigFile">The <c>--web.config.file</c> path as given; empty when none.</param>
/// <param name="ExternalUrl">The URL users reach the component under (<c>--web.external-url</c>, or derived).</param>
/// <param name="RoutePrefix">The path prefix of every route, <c>/</c> or <c>/prefix</c> without a trailing slash.</param>
public sealed record WebOptions(
    ListenAddress ListenAddress,
    WebConfig? Config,
    string ConfigFile,
    Uri ExternalUrl,
    string RoutePrefix);
