/// Fuzzes the CQ-code parser, and checks that escaped text parses back as that one text and that
/// parse → serialise → parse loses no code and no text.

#include <nlohmann/json.hpp>

#include <string>

#include "adapters/onebot11/cq_code.hpp"
#include "fuzz_support.hpp"

namespace ob = adapters::onebot11;
using nlohmann::json;

namespace {

// The array form cq_parse promises: objects with a word type and an object of string values.
void check_shape(json const& parsed) {
    fuzz::require(parsed.is_array(), "cq_parse returns an array");
    for (auto const& s : parsed) {
        fuzz::require(s.is_object() && s.at("type").is_string() && s.at("data").is_object(), "segments are objects");
        for (auto const& [key, value] : s.at("data").items()) fuzz::require(value.is_string(), "values are strings", key);
    }
}

// What serialising keeps of a parsed string: a code of type text (`[CQ:text,text=a]`) is plain text
// again, so it merges with the text around it, and one without a text disappears.
json kept(json const& parsed) {
    json out = json::array();
    for (auto const& s : parsed) {
        if (s.at("type") != "text") {
            out.push_back(s);
            continue;
        }
        auto text = s.at("data").value("text", std::string());
        if (text.empty()) continue;
        if (!out.empty() && out.back().at("type") == "text")
            out.back()["data"]["text"] = out.back()["data"]["text"].get<std::string>() + text;
        else
            out.push_back({{"type", "text"}, {"data", {{"text", text}}}});
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto text = fuzz::as_text(data, size);

    // Text a member wrote, escaped as we send it, is that text again and never a code.
    fuzz::require(ob::cq_unescape(ob::cq_escape_text(text)) == text, "unescape undoes the text escape");
    fuzz::require(ob::cq_unescape(ob::cq_escape_param(text)) == text, "unescape undoes the parameter escape");
    auto escaped = ob::cq_parse(ob::cq_escape_text(text));
    if (text.empty()) {
        fuzz::require(escaped.empty(), "empty text parses to nothing");
    } else {
        fuzz::require(escaped.size() == 1 && escaped[0].at("type") == "text" &&
                          escaped[0].at("data").at("text").get_ref<std::string const&>() == text,
                      "escaped text parses back as exactly one text segment");
    }

    // Whatever a CQ string holds, serialising what we parsed from it and parsing again is stable.
    auto parsed = ob::cq_parse(text);
    check_shape(parsed);
    auto again = ob::cq_parse(ob::cq_serialise(parsed));
    fuzz::require(again == kept(parsed), "parse → serialise → parse keeps every code and text");
    return 0;
}
