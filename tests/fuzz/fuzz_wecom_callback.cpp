/// Fuzzes what a WeCom callback brings: the XML body (parse_xml) and its Encrypt field (decrypt, as
/// given and as base64 of the bytes, so the cipher, padding and length checks are reached), and
/// checks that built replies, encrypted texts and base64 read back unchanged.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/wecom/crypto.hpp"
#include "adapters/wecom/xml.hpp"
#include "fuzz_support.hpp"

namespace wecom = adapters::wecom;

namespace {

// The documented key; the fuzzer reaches every check through base64 of its own bytes.
wecom::callback_cipher const& cipher() {
    static auto const made =
        wecom::callback_cipher::make("QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7");
    fuzz::require(made.has_value(), "the documented key makes a cipher");
    return *made;
}

void check_decrypt(std::string_view encrypted) {
    std::string error;
    auto plain = cipher().decrypt(encrypted, &error);
    fuzz::require(plain.has_value() || !error.empty(), "a refusal names its step");
}

// Fields read from XML, written as a reply and read again, are the same fields. Values holding a
// carriage return or a NUL (from &#13; or &#0;) are left out: a reply cannot carry them through CDATA.
void check_round_trip(wecom::xml_fields const& xml) {
    std::vector<std::pair<std::string, std::string>> fields;
    for (auto const& [name, value] : xml.fields) {
        if (value.find_first_of(std::string_view("\r\0", 2)) == std::string::npos) fields.emplace_back(name, value);
    }
    std::string error;
    auto again = wecom::parse_xml(wecom::build_xml(fields), &error);
    fuzz::require(again.has_value(), "a built reply parses", error);
    fuzz::require(again->fields.size() == fields.size(), "a built reply keeps every field");
    for (auto const& [name, value] : fields) {
        auto const* read = again->get(name);
        fuzz::require(read && *read == value, "a built reply keeps each value", name);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto text = fuzz::as_text(data, size);

    std::string error;
    auto xml = wecom::parse_xml(text, &error);
    fuzz::require(xml.has_value() || !error.empty(), "refused XML has a reason");
    if (xml) check_round_trip(*xml);

    check_decrypt(text);
    auto encoded = wecom::base64_encode(text);
    fuzz::require(wecom::base64_decode(encoded) == std::string(text), "base64 reads back");
    check_decrypt(encoded);

    auto sealed = cipher().encrypt_with(text, "0123456789abcdef");
    fuzz::require(cipher().decrypt(sealed) == std::string(text), "an encrypted text decrypts back");
    auto signature = cipher().signature("1409659589", text, sealed);
    fuzz::require(cipher().verify(signature, "1409659589", text, sealed), "our own signature verifies");
    fuzz::require(!cipher().verify(text, "1409659589", text, sealed) || text.size() == 40,
                  "only a 40-digit signature verifies", text);
    return 0;
}
