extension String {
    /// Returns the text as one word of a POSIX shell command line, for the
    /// commands that messages suggest, such as `ledger init --db PATH`. A
    /// word of letters, digits and `@%+=:,./_-` stays as it is; any other
    /// is put in single quotes, with each quote inside written as `'\''`.
    /// So a path with a space or `$(...)` cannot run anything when pasted.
    public func quotedAsShellWord() -> String {
        let plain = !isEmpty && unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "@%+=:,./_-".unicodeScalars.contains(scalar))
        }
        if plain {
            return self
        }
        return "'" + replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Returns the path as one shell word that no command reads as an
    /// option: a relative path that starts with `-` gets `./` in front,
    /// since `chmod 600 -k.key` would read `-k` as an option.
    public func quotedAsShellPath() -> String {
        (hasPrefix("-") ? "./" + self : self).quotedAsShellWord()
    }
}
