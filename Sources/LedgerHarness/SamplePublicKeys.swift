/// Real public keys in PEM form, made with `openssl genpkey` for the tests
/// and tools, whose private halves were not kept. The ledger reads a PEM
/// key with libcrypto, so a made-up body would be rejected.
public enum SamplePublicKeys {
    /// A 1024-bit RSA key as SubjectPublicKeyInfo.
    public static let rsa = """
        -----BEGIN PUBLIC KEY-----
        MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDevz9WIKFZ4N0KkyHq1CfD8wO1
        /253XSlWxh1YfsIr0nofhIYqEwf2vk3orVS1gL3XISyoZPW4lrT8TQgfU1RncQQC
        Brzo61vjy3pZIcrNQ/BwWdH47T4H1vaQfAqDvRHfEsv69XXYjE6GZ++EulU6G94u
        f//mNOo8bmEI2uyb9wIDAQAB
        -----END PUBLIC KEY-----
        """

    /// The same RSA key in PKCS #1 form.
    public static let rsaPKCS1 = """
        -----BEGIN RSA PUBLIC KEY-----
        MIGJAoGBAN6/P1YgoVng3QqTIerUJ8PzA7X/bnddKVbGHVh+wivSeh+EhioTB/a+
        TeitVLWAvdchLKhk9biWtPxNCB9TVGdxBAIGvOjrW+PLelkhys1D8HBZ0fjtPgfW
        9pB8CoO9Ed8Sy/r1ddiMToZn74S6VTob3i5//+Y06jxuYQja7Jv3AgMBAAE=
        -----END RSA PUBLIC KEY-----
        """

    /// A P-256 elliptic-curve key.
    public static let ec = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFbFqID8Qfhn4bNDj8fhirLTuolrt
        xym0DKmxxVi9ExVdCWP37X9HHWhUfCrZ54j3e6PkbuHmp++l2EiWLDyTOA==
        -----END PUBLIC KEY-----
        """

    /// An Ed25519 key.
    public static let ed25519 = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAR/L9YR7+h9+blqNOAqXq3l6jcUgDIi91LQhO7PuflRo=
        -----END PUBLIC KEY-----
        """

    /// A 1024-bit RSA-PSS key, which libcrypto types as RSA-PSS: a key
    /// limited to PSS signatures. It is not in `all`, so the tools that
    /// draw from that list keep the keys they had.
    public static let rsaPSS = """
        -----BEGIN PUBLIC KEY-----
        MIGdMAsGCSqGSIb3DQEBCgOBjQAwgYkCgYEAxi3Sc/IuAE0gFt5HIAIfPn9QbAUn
        2pW6VtXxpse2gvi5b5mubfSJr5Blm+SqFqHhgyTYK1mlKBFC7CVs9qdpK8RqA3f6
        wjouG6pUwr5tOXFDmBCjnrMKcQKyNgMssn46xwy4vtyoaxdCOeBC/lymrZulxGbX
        wnCeLxQGTBws3CsCAwEAAQ==
        -----END PUBLIC KEY-----
        """

    /// An X25519 key, for key agreement only. Not in `all` either.
    public static let x25519 = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VuAyEArQ3c/G9a6apNLshVm1Z/xk9y9YWY3Jm2d37x+Sl8JQ0=
        -----END PUBLIC KEY-----
        """

    /// The PEM keys above, distinct from one another as stored keys.
    public static let all = [rsa, rsaPKCS1, ec, ed25519]
}
