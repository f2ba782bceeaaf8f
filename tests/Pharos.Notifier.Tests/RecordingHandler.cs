using System.Net;
using System.Threading.Channels;

namespace Pharos.Notifier.Tests;

/// <summary>An HTTP handler that records every request and answers with <see cref="Status"/>.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Channel<(string Url, string Body)> _requests = Channel.CreateUnbounded<(string, string)>();

    public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

    /// <summary>When set, requests wait for it before they are recorded (to let a queue fill up).</summary>
    public TaskCompletionSource? Block { get; init; }

    public async Task<(string Url, string Body)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _requests.Reader.ReadAsync(timeout.Token);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Block is not null)
        {
            await Block.Task.WaitAsync(cancellationToken);
        }

        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        await _requests.Writer.WriteAsync((request.RequestUri!.ToString(), body), cancellationToken);
        return new HttpResponseMessage(Status);
    }
}
