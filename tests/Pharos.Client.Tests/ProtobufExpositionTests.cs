namespace Pharos.Client.Tests;

public sealed class ProtobufExpositionTests
{

    public static TheoryData<string, string[]> Cases => new()
    {
        {
            "counter",
            [
                "name: \"http_requests_total\" help: \"Requests handled.\" type: 0 metric { " +
                "label { name: \"method\" value: \"GET\" } label { name: \"code\" value: \"200\" } " +
                "counter { value: 3 exemplar { label { name: \"trace_id\" value: \"abc\" } value: 1 timestamp { seconds: 1700000000 } } created_timestamp { seconds: 1700000000 } } } " +
                "metric { label { name: \"method\" value: \"POST\" } label { name: \"code\" value: \"500\" } " +
                "counter { value: 1.5 created_timestamp { seconds: 1700000000 } } }",
            ]
        },
        {
            "gauge",
            ["name: \"queue_depth\" help: \"Items waiting.\" type: 1 metric { gauge { value: -2.25 } }"]
        },
        {
            "histogram",
            [
                "name: \"request_duration_seconds\" help: \"Request latency.\" type: 4 unit: \"seconds\" metric { label { name: \"path\" value: \"/\" } " +
                "histogram { sample_count: 3 sample_sum: 5.55 bucket { cumulative_count: 1 upper_bound: 0.1 } " +
                "bucket { cumulative_count: 2 upper_bound: 1 exemplar { label { name: \"trace_id\" value: \"t1\" } value: 0.5 timestamp { seconds: 1700000000 } } } " +
                "created_timestamp { seconds: 1700000000 } } }",
            ]
        },
        {
            "summary",
            [
                "name: \"rpc_seconds\" help: \"RPC latency.\" type: 2 metric { summary { sample_count: 3 sample_sum: 6 " +
                "quantile { quantile: 0.5 value: 2 } quantile { quantile: 0.9 value: 3 } created_timestamp { seconds: 1700000000 } } }",
            ]
        },
        {
            "info",
            ["name: \"build_info\" help: \"Build information.\" type: 1 metric { label { name: \"version\" value: \"1.2.3\" } label { name: \"revision\" value: \"abc\" } gauge { value: 1 } }"]
        },
        {
            "stateset",
            [
                "name: \"job_phase\" help: \"Phase of the job.\" type: 1 " +
                "metric { label { name: \"job_phase\" value: \"pending\" } gauge { value: 0 } } " +
                "metric { label { name: \"job_phase\" value: \"running\" } gauge { value: 1 } } " +
                "metric { label { name: \"job_phase\" value: \"done\" } gauge { value: 0 } }",
            ]
        },
        {
            "untyped",
            ["name: \"legacy_value\" help: \"A bridged value.\" type: 3 metric { untyped { value: 42 } }"]
        },
        {
            "empty and sorted",
            [
                "name: \"a_first\" help: \"First by name.\" type: 1 metric { gauge { value: 1 } }",
                "name: \"b_second\" help: \"Second by name.\" type: 1 metric { label { name: \"x\" value: \"a\" } gauge { value: 1 } } metric { label { name: \"x\" value: \"b\" } gauge { value: 2 } }",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_metric_type_is_encoded_as_delimited_MetricFamily_messages(string scenario, string[] expected)
    {
        var registry = ExpositionGoldenTests.Build(scenario);

        var families = ProtobufDecoder.DecodeDelimited(registry.ToArray(ExpositionFormat.Protobuf));

        Assert.Equal(expected, families);
    }

    [Fact]
    public void Large_families_get_multi_byte_length_prefixes()
    {
        var registry = new MetricRegistry();
        var gauge = registry.CreateGauge("wide", "", "i");
        for (var i = 0; i < 2_000; i++)
        {
            gauge.WithLabels(i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).Set(i);
        }

        var family = Assert.Single(ProtobufDecoder.DecodeDelimited(registry.ToArray(ExpositionFormat.Protobuf)));

        Assert.Equal(2_000, family.Split("metric {").Length - 1);
        Assert.EndsWith("label { name: \"i\" value: \"01999\" } gauge { value: 1999 } }", family, StringComparison.Ordinal);
    }
}
