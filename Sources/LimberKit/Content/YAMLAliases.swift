import CYaml

/// Finds anchors (`&name`) and aliases (`*name`) in YAML before it is composed: content files have
/// no use for them, and a few nested aliases make Yams expand and compare millions of nodes (the
/// "billion laughs"). Uses libyaml's scanner, the tokens alone, so nothing is expanded.
enum YAMLAliases {
    /// The 1-based line and column of the first anchor or alias, or nil when there is none (or when
    /// the YAML does not scan, which composing it reports better).
    static func first(in yaml: String) -> (line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(yaml.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (Int, Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var token = yaml_token_t()
            while yaml_parser_scan(&parser, &token) == 1 {
                defer { yaml_token_delete(&token) }
                switch token.type {
                case YAML_ANCHOR_TOKEN, YAML_ALIAS_TOKEN:
                    return (Int(token.start_mark.line) + 1, Int(token.start_mark.column) + 1)
                case YAML_STREAM_END_TOKEN:
                    return nil
                default:
                    continue
                }
            }
            return nil
        }
    }
}
