using System.Text.Json;

namespace Pharos.Web.Api;

/// <summary>The successful outcome of an API call: the <c>data</c> writer and the annotations.</summary>
/// <param name="Data">Writes the <c>data</c> value; null leaves the field out.</param>
/// <param name="Warnings">The <c>warnings</c>; left out when empty.</param>
/// <param name="Infos">The <c>infos</c>; left out when empty.</param>
/// <param name="NoContent">Answer 204 without a body (admin calls).</param>
public readonly record struct ApiResult(
    Action<Utf8JsonWriter>? Data,
    IReadOnlyList<string>? Warnings = null,
    IReadOnlyList<string>? Infos = null,
    bool NoContent = false);
