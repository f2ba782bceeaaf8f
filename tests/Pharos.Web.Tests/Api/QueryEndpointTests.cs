namespace Pharos.Web.Tests.Api;

public sealed class QueryEndpointTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_instant_query_returns_a_vector_with_string_values_and_second_timestamps()
    {
        var (status, body) = await _server.GetAsync("/api/v1/query?query=up%7Bjob%3D%22prometheus%22%7D&time=1700000000");
        Assert.Equal(200, status);
        Assert.Equal(
            """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","instance":"a:9090","job":"prometheus"},"value":[1700000000,"1"]}]}}""",
            body);
    }

    [Fact]
    public async Task An_instant_query_without_time_evaluates_at_the_server_clock()
    {
        var (_, body) = await _server.GetAsync("/api/v1/query?query=sum(up)");
        Assert.Equal("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"1"]}]}}""", body);
    }

    [Fact]
    public async Task Scalars_and_strings_have_their_own_result_types()
    {
        var (_, scalar) = await _server.GetAsync("/api/v1/query?query=1%2B1&time=1700000000.5");
        Assert.Equal("""{"status":"success","data":{"resultType":"scalar","result":[1700000000.5,"2"]}}""", scalar);
        var (_, text) = await _server.GetAsync("/api/v1/query?query=%22hello%22&time=1700000000");
        Assert.Equal("""{"status":"success","data":{"resultType":"string","result":[1700000000,"hello"]}}""", text);
    }

    [Fact]
    public async Task A_range_query_returns_a_matrix_with_one_point_per_step()
    {
        var (status, body) = await _server.GetAsync("/api/v1/query_range?query=http_requests_total&start=1699999940&end=1700000000&step=30");
        Assert.Equal(200, status);
        Assert.Equal(
            """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"http_requests_total","code":"200","job":"api"},"values":[[1699999940,"160"],[1699999970,"180"],[1700000000,"200"]]}]}}""",
            body);
    }

    [Fact]
    public async Task A_form_post_is_accepted_like_a_get()
    {
        var (status, body) = await _server.PostFormAsync("/api/v1/query", ("query", "count(up)"), ("time", "1700000000"));
        Assert.Equal(200, status);
        Assert.Equal("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000,"2"]}]}}""", body);
    }

    [Fact]
    public async Task Stats_are_included_when_asked_for()
    {
        var (_, body) = await _server.GetAsync("/api/v1/query?query=up&stats=all");
        Assert.Contains("\"stats\":{\"timings\":{\"evalTotalTime\":", body, StringComparison.Ordinal);
        Assert.Contains("\"samples\":{\"totalQueryableSamples\":", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_from_the_engine_are_returned_beside_the_data()
    {
        var (_, body) = await _server.GetAsync("/api/v1/query?query=rate(up%5B5m%5D)&time=1700000000");
        Assert.Contains("\"infos\":[\"PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \\\"up\\\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/query", 400, "bad_data", "invalid parameter \"query\": 1:1: parse error: no expression found in input")]
    [InlineData("/api/v1/query?query=up%7B", 400, "bad_data", "invalid parameter \"query\": 1:4: parse error: unexpected end of input inside braces")]
    [InlineData("/api/v1/query?query=up&time=abc", 400, "bad_data", "invalid parameter \"time\": invalid time value for 'time': cannot parse \"abc\" to a valid timestamp")]
    [InlineData("/api/v1/query?query=up&timeout=x", 400, "bad_data", "invalid parameter \"timeout\": cannot parse \"x\" to a valid duration")]
    [InlineData("/api/v1/query_range?query=up&end=1&step=1", 400, "bad_data", "invalid parameter \"start\": cannot parse \"\" to a valid timestamp")]
    [InlineData("/api/v1/query_range?query=up&start=2&end=1&step=1", 400, "bad_data", "invalid parameter \"end\": end timestamp must not be before start time")]
    [InlineData("/api/v1/query_range?query=up&start=1&end=2&step=0", 400, "bad_data", "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer")]
    [InlineData("/api/v1/query_range?query=up&start=0&end=100000&step=1", 400, "bad_data", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")]
    [InlineData("/api/v1/query_range?query=up%5B5m%5D&start=1&end=2&step=1", 422, "execution", "invalid expression type \"range vector\" for range query, must be Scalar or instant Vector")]
    [InlineData("/api/v1/query?query=up%20%2B%20on()%20up", 422, "execution", "found duplicate series for the match group {} on the right hand-side of the operation: [{__name__=\"up\", instance=\"a:9090\", job=\"prometheus\"}, {__name__=\"up\", instance=\"b:9100\", job=\"node\"}];many-to-many matching not allowed: matching labels must be unique on one side")]
    [InlineData("/api/v1/series", 400, "bad_data", "no match[] parameter provided")]
    [InlineData("/api/v1/series?match[]=up&limit=-1", 400, "bad_data", "invalid parameter \"limit\": limit must be non-negative")]
    [InlineData("/api/v1/series?match[]=%7Bjob%3D~%22.*%22%7D", 400, "bad_data", "invalid parameter \"match[]\": 1:1: parse error: vector selector must contain at least one non-empty matcher")]
    [InlineData("/api/v1/labels?match[]=up%7B", 400, "bad_data", "invalid parameter \"match[]\": 1:4: parse error: unexpected end of input inside braces")]
    [InlineData("/api/v1/label/__name__/values?start=x", 400, "bad_data", "invalid parameter \"start\": invalid time value for 'start': cannot parse \"x\" to a valid timestamp")]
    [InlineData("/api/v1/status/tsdb?limit=0", 400, "bad_data", "limit must be a positive number")]
    [InlineData("/api/v1/metadata?limit=x", 400, "bad_data", "limit must be a number")]
    [InlineData("/api/v1/rules?type=x", 400, "bad_data", "invalid parameter \"type\": not supported value \"x\"")]
    public async Task Errors_have_the_upstream_status_type_and_message(string path, int expectedStatus, string errorType, string error)
    {
        var (status, body) = await _server.GetAsync(path);
        Assert.Equal(expectedStatus, status);
        Assert.Equal($"{{\"status\":\"error\",\"errorType\":\"{errorType}\",\"error\":{System.Text.Json.JsonSerializer.Serialize(error, Relaxed)}}}", body);
    }

    [Fact]
    public async Task A_query_beyond_its_timeout_parameter_fails_with_a_timeout()
    {
        var (status, body) = await _server.GetAsync("/api/v1/query_range?query=count_over_time(up%5B5m%5D)&start=1699990000&end=1700000000&step=1&timeout=0.000000001");
        Assert.Equal(503, status);
        Assert.Contains("\"errorType\":\"timeout\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Format_query_prints_canonical_promql()
    {
        var (_, body) = await _server.GetAsync("/api/v1/format_query?query=sum%20by(job)(rate(x%5B5m%5D))");
        Assert.Equal("""{"status":"success","data":"sum by (job) (rate(x[5m]))"}""", body);
    }

    [Fact]
    public async Task Parse_query_returns_the_syntax_tree()
    {
        var (_, body) = await _server.GetAsync("/api/v1/parse_query?query=up");
        Assert.Equal(
            """{"status":"success","data":{"matchers":[{"name":"__name__","type":"=","value":"up"}],"name":"up","offset":0,"startOrEnd":null,"timestamp":null,"type":"vectorSelector"}}""",
            body);
    }

    [Fact]
    public async Task Exemplars_are_empty_without_exemplar_storage()
    {
        var (status, body) = await _server.GetAsync("/api/v1/query_exemplars?query=up&start=0&end=1700000000");
        Assert.Equal(200, status);
        Assert.Equal("""{"status":"success","data":[]}""", body);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
