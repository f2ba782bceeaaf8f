using ClientFormat = Pharos.Client.ExpositionFormat;
using ParserFormat = Pharos.Exposition.ExpositionFormat;

namespace Pharos.Client.Tests;

/// <summary>Whatever the client writes must pass the strict parsers, which agree with the OpenMetrics test suite.</summary>
public sealed class StrictParserAcceptanceTests
{
    public static TheoryData<string, ClientFormat> Scenarios()
    {
        var data = new TheoryData<string, ClientFormat>();
        foreach (var row in ExpositionGoldenTests.Cases)
        {
            data.Add((string)row[0], (ClientFormat)row[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_exposition_the_client_writes_parses_in_strict_mode(string scenario, ClientFormat format)
    {
        var payload = ExpositionGoldenTests.Build(scenario).ToArray(format);
        var parserFormat = format switch
        {
            ClientFormat.OpenMetricsText => ParserFormat.OpenMetricsText,
            ClientFormat.Protobuf => ParserFormat.Protobuf,
            _ => ParserFormat.PrometheusText,
        };
        var parser = Pharos.Exposition.ExpositionParser.Create(parserFormat, Pharos.Exposition.ParserMode.Strict);
        parser.Reset(payload);
        var entries = 0;
        while (parser.Next() != Pharos.Exposition.ExpositionEntry.EndOfInput)
        {
            entries++;
        }

        Assert.True(entries > 0 || payload.Length <= "# EOF\n".Length, $"{scenario} in {format} produced no entries");
    }
}
