using Pharos.Client;
using Pharos.SampleApp;

// The guides' Express and Go examples in ASP.NET Core: "/" is counted by the HTTP middleware in
// http_requests_total, "/ping" increments ping_request_count, "/metrics" exposes everything.
var builder = WebApplication.CreateBuilder(args);

// Like the Express example, listen on 8080 on every interface unless told otherwise (--urls, ASPNETCORE_URLS,
// ASPNETCORE_HTTP_PORTS); the Kubernetes manifests in k8s/ expect this port.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) &&
    string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey]) &&
    string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpsPortsKey]))
{
    builder.WebHost.UseUrls("http://0.0.0.0:8080");
}

builder.Services.AddHealthChecks();
var app = builder.Build();

var pings = Metrics.CreateCounter("ping_request_count", "Number of requests handled by the ping handler.");

app.UseScrapeFormatCounting();
app.UseHttpMetrics(options => options.ExcludedPaths.Add("/healthz"));

app.MapGet("/", () => "Hello from the Pharos sample app!");
app.MapGet("/ping", () =>
{
    pings.Inc();
    return "pong";
});
app.MapHealthChecks("/healthz");

// ?format=text|openmetrics|protobuf overrides the Accept header, for scrapers that cannot choose (see README.md).
app.MapMetrics("/metrics", options => options.FormatQueryParameter = "format");

app.Run();
