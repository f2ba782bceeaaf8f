namespace Pharos.Config;

/// <summary>Reads an AWS <c>sigv4</c> block (region, keys, profile, role); signing is not implemented yet.</summary>
internal static class SigV4
{
    public static void Read(ConfigSection m)
    {
        foreach (var key in new[] { "region", "access_key", "secret_key", "profile", "role_arn", "external_id", "service_name" })
        {
            m.String(key);
        }

        m.Bool("use_fips_sts_endpoint");
        m.Finish();
    }
}
