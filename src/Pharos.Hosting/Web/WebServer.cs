using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pharos.Hosting.Web;

/// <summary>
/// The Kestrel server every component host runs: listens where <see cref="WebOptions.ListenAddress"/> says, applies
/// the web config file (TLS, HTTP/2, response headers, basic auth), strips the route prefix, logs requests at debug
/// level through the component's logger factory, and stops gracefully on SIGTERM/SIGINT. The host maps its routes
/// on <see cref="App"/> (relative to the route prefix) before <see cref="StartAsync"/>.
/// </summary>
/// <remarks>Single-use: start once, stop once, dispose.</remarks>
public sealed class WebServer : IAsyncDisposable
{
    private readonly ILogger _logger;

    private WebServer(WebApplication app, WebOptions options, ILogger logger)
    {
        App = app;
        Options = options;
        _logger = logger;
    }

    /// <summary>The application to map routes on.</summary>
    public WebApplication App { get; }

    /// <summary>The options the server was created with.</summary>
    public WebOptions Options { get; }

    /// <summary>The addresses actually bound (with the real port when 0 was asked), after <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<Uri> BoundAddresses =>
        App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a.Replace("://[::]:", "://localhost:", StringComparison.Ordinal).Replace("://0.0.0.0:", "://localhost:", StringComparison.Ordinal)))
            .ToArray() ?? [];

    /// <summary>Creates the server; map routes on <see cref="App"/>, then start it.</summary>
    /// <param name="options">The resolved web flags.</param>
    /// <param name="loggerFactory">The component's logger factory (the caller keeps ownership).</param>
    /// <param name="configureServices">Adds services the routes need; may be null.</param>
    /// <returns>The server.</returns>
    public static WebServer Create(WebOptions options, ILoggerFactory loggerFactory, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerFactory>(new QuietFrameworkLoggerFactory(loggerFactory));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var addresses = options.ListenAddress.ResolveAddresses();
            if (addresses.Count == 0)
            {
                kestrel.ListenAnyIP(options.ListenAddress.Port, listen => ConfigureListener(listen, options.Config));
            }
            else
            {
                foreach (var address in addresses)
                {
                    kestrel.Listen(address, options.ListenAddress.Port, listen => ConfigureListener(listen, options.Config));
                }
            }
        });
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        var logger = loggerFactory.CreateLogger("web");
        var server = new WebServer(app, options, logger);
        server.UseMiddleware();
        return server;
    }

    /// <summary>Starts listening.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes once the server listens.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await App.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var address in BoundAddresses)
        {
            _logger.LogInformation("Listening on {address}", address);
        }
    }

    /// <summary>Stops gracefully: stops accepting, lets in-flight requests finish.</summary>
    /// <param name="cancellationToken">Makes the stop ungraceful.</param>
    /// <returns>A task that completes once stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => App.StopAsync(cancellationToken);

    /// <summary>Runs until SIGTERM/SIGINT or <paramref name="cancellationToken"/>, then stops gracefully.</summary>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task that completes after shutdown.</returns>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await App.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Stopped listening");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => App.DisposeAsync();

    private void UseMiddleware()
    {
        var config = Options.Config;
        var headers = config?.HttpServerConfig.Headers;
        var authenticator = config is { BasicAuthUsers.Count: > 0 } ? new BasicAuthenticator(config.BasicAuthUsers) : null;
        App.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            if (headers is not null)
            {
                foreach (var (name, value) in headers)
                {
                    context.Response.Headers[name] = value;
                }
            }

            if (authenticator is not null && !authenticator.IsAuthorized(context.Request.Headers.Authorization))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic";
                await context.Response.WriteAsync("Unauthorized\n", context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                await next(context).ConfigureAwait(false);
            }

            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug(
                    "HTTP request {method} {path} {status} {duration_seconds}",
                    context.Request.Method,
                    context.Request.PathBase + context.Request.Path,
                    context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        });
        if (Options.RoutePrefix != "/")
        {
            var prefix = new PathString(Options.RoutePrefix);
            App.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments(prefix, out var matched, out var remaining))
                {
                    context.Request.PathBase = context.Request.PathBase.Add(matched);
                    context.Request.Path = remaining.HasValue ? remaining : "/";
                    await next(context).ConfigureAwait(false);
                }
                else if (context.Request.Path == "/")
                {
                    context.Response.Redirect(Options.RoutePrefix + "/");
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                }
            });
        }

        // NOTE: routing must run after the prefix is stripped; without this call the framework routes first.
        App.UseRouting();
    }

    private static void ConfigureListener(ListenOptions listen, WebConfig? config)
    {
        var tls = config?.TlsServerConfig;
        if (tls is null)
        {
            listen.Protocols = HttpProtocols.Http1;
            return;
        }

        listen.Protocols = config!.HttpServerConfig.Http2 ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
        var certificate = X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
        var clientCas = new X509Certificate2Collection();
        if (tls.ClientCaFile.Length > 0)
        {
            clientCas.ImportFromPemFile(tls.ClientCaFile);
        }

        var suites = tls.CipherSuiteValues();
        listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            https.SslProtocols = tls.Protocols();
            https.ClientCertificateMode = tls.RequiresClientCertificate
                ? ClientCertificateMode.RequireCertificate
                : tls.RequestsClientCertificate ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.NoCertificate;
            https.ClientCertificateValidation = (cert, _, errors) => ValidateClient(tls, clientCas, cert, errors);
            if (suites.Count > 0)
            {
                https.OnAuthenticate = (_, ssl) =>
                {
                    if (!OperatingSystem.IsWindows())
                    {
                        ssl.CipherSuitesPolicy = new CipherSuitesPolicy(suites);
                    }
                };
            }
        });
    }

    private static bool ValidateClient(TlsServerConfig tls, X509Certificate2Collection roots, X509Certificate2 certificate, SslPolicyErrors errors)
    {
        if (!tls.VerifiesClientCertificate)
        {
            return true;
        }

        _ = errors;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
        {
            return false;
        }

        if (tls.ClientAllowedSans.Count == 0)
        {
            return true;
        }

        var sans = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames().Concat(e.EnumerateIPAddresses().Select(ip => ip.ToString())));
        return sans.Any(tls.ClientAllowedSans.Contains);
    }

    // ASP.NET Core logs every request and lifetime step at Information; upstream components are quiet there.
    private sealed class QuietFrameworkLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) ? new MinimumLevelLogger(logger, LogLevel.Warning) : logger;
        }

        public void Dispose()
        {
            // The component owns the inner factory.
        }
    }

    private sealed class MinimumLevelLogger(ILogger inner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
