using System.Text.Json.Serialization;

namespace Pharos.Tsdb.Block;

/// <summary>Source-generated JSON for <see cref="BlockMeta"/>, tab-indented like upstream's meta files.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, IndentCharacter = '\t', IndentSize = 1)]
[JsonSerializable(typeof(BlockMeta))]
internal sealed partial class BlockMetaJsonContext : JsonSerializerContext;
