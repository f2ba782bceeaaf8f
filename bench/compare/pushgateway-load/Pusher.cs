using System.Diagnostics;
using System.Net.Http.Headers;

namespace Pharos.PushgatewayLoad;

/// <summary>
/// One simulated batch job: renders its exposition, pushes it to its own group
/// (<c>/metrics/job/load/instance/pusher-&lt;i&gt;</c>), alternating <c>PUT</c> and <c>POST</c>, then waits the think
/// time; until the deadline. Successful push latencies go to its <see cref="LatencyLog"/>, failures to the shared
/// <see cref="ErrorCounts"/>.
/// </summary>
internal sealed class Pusher
{
    private static readonly MediaTypeHeaderValue TextFormat = MediaTypeHeaderValue.Parse("text/plain; version=0.0.4; charset=utf-8");

    private readonly int _index;
    private readonly HttpClient _client;
    private readonly LoadOptions _options;
    private readonly ErrorCounts _errors;
    private readonly Uri _groupUrl;
    private readonly PushPayload _payload;

    public Pusher(int index, HttpClient client, LoadOptions options, ErrorCounts errors)
    {
        _index = index;
        _client = client;
        _options = options;
        _errors = errors;
        _groupUrl = new Uri(options.BaseUrl, $"metrics/job/load/instance/pusher-{index}");
        _payload = new PushPayload(unchecked((options.Seed * 1_000_003) + index));

        // A pusher waits at least the think time between pushes, so this bounds its push count.
        var capacity = (int)Math.Ceiling(options.Duration / options.ThinkTime) + 2;
        Latencies = new LatencyLog(capacity);
    }

    public LatencyLog Latencies { get; }

    public async Task RunAsync(long deadlineTimestamp, CancellationToken stop)
    {
        // Stagger the start over one think time so 200 pushers do not all connect in the same millisecond.
        var staggerMs = new Random(_options.Seed + _index).Next((int)Math.Max(1, _options.ThinkTime.TotalMilliseconds));
        if (!await DelayAsync(TimeSpan.FromMilliseconds(staggerMs), stop))
        {
            return;
        }

        var iteration = 0;
        while (Stopwatch.GetTimestamp() < deadlineTimestamp)
        {
            var length = _payload.Render(DateTimeOffset.UtcNow);
            using var request = new HttpRequestMessage(iteration % 2 == 0 ? HttpMethod.Put : HttpMethod.Post, _groupUrl)
            {
                Content = new ByteArrayContent(_payload.Buffer, 0, length),
            };
            request.Content.Headers.ContentType = TextFormat;
            iteration++;

            var start = Stopwatch.GetTimestamp();
            try
            {
                // The request is not tied to `stop`: a push in flight at the deadline completes and is counted.
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                var elapsed = Stopwatch.GetElapsedTime(start);
                if (response.IsSuccessStatusCode)
                {
                    Latencies.Record((long)(elapsed.TotalMicroseconds));
                }
                else
                {
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    _errors.Add($"http-{(int)response.StatusCode}", body);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                _errors.Add(ErrorCounts.Classify(e), e.Message);
            }

            if (!await DelayAsync(_options.ThinkTime, stop))
            {
                return;
            }
        }
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
