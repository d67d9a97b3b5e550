# Reads a Claude Code settings file: prints "NAME<TAB>FLAGS<TAB>VALUE" for each string (or literal) member of the
# top-level "env" object and for a top-level "apiKeyHelper". FLAGS: n = an escaped line break, u = another escaped
# control or non-ASCII character, q = an escaped quote. Plain POSIX awk; no JSON library.
function emit(name, flags, value) {
    gsub(/\\\//, "/", value)
    gsub(/\\"/, "\"", value)
    printf "%s\t%s\t%s\n", name, flags, value
}
{ text = text $0 "\n" }
END {
    n = length(text); depth = 0; top = ""; inner = ""; i = 1
    while (i <= n) {
        c = substr(text, i, 1)
        if (c == "\"") {
            j = i + 1; flags = ""
            while (j <= n) {
                ch = substr(text, j, 1)
                if (ch == "\\") {
                    e = substr(text, j + 1, 1)
                    if (e == "n" || e == "r") flags = flags "n"
                    else if (e == "\"") flags = flags "q"
                    else if (e != "/") flags = flags "u"
                    j += 2
                    continue
                }
                if (ch == "\"") break
                j++
            }
            str = substr(text, i + 1, j - i - 1)
            i = j + 1
            m = i
            while (m <= n && index(" \t\r\n", substr(text, m, 1)) > 0) m++
            if (substr(text, m, 1) == ":") {
                if (depth == 1) top = str
                else if (depth == 2) inner = str
                i = m + 1
                continue
            }
            if (depth == 1 && top == "apiKeyHelper") emit("apiKeyHelper", flags, str)
            else if (depth == 2 && top == "env" && inner != "") emit(inner, flags, str)
            inner = ""
            continue
        }
        if (c == "{" || c == "[") depth++
        else if (c == "}" || c == "]") depth--
        else if (depth == 2 && top == "env" && inner != "" && index("-0123456789tf", c) > 0) {
            j = i
            while (j <= n && index("-+.0123456789eEtrufals", substr(text, j, 1)) > 0) j++
            emit(inner, "", substr(text, i, j - i))
            inner = ""
            i = j
            continue
        }
        i++
    }
}
