/// Fuzzes the OneBot v12 frame decoder as the adapter runs it on every frame, and checks that a
/// member's text, sent back through our encoder for each implementation profile, stays text.

#include <nlohmann/json.hpp>

#include "adapters/net/diagnostics.hpp"
#include "adapters/net/json_frame.hpp"
#include "adapters/onebot12/actions.hpp"
#include "adapters/onebot12/decode.hpp"
#include "adapters/onebot12/profile.hpp"
#include "adapters/onebot12/segments.hpp"
#include "fuzz_support.hpp"

namespace ob = adapters::onebot12;
namespace seg = bot::seg;
using nlohmann::json;

namespace {

bool is_text(json const& segment) {
    return segment.value("type", std::string()) == "text";
}

// The outline of an array-form message, and of a decoded one.
fuzz::outline outline_of(json const& segments) {
    fuzz::outline out;
    for (auto const& s : segments) is_text(s) ? out.text(s.at("data").at("text").get<std::string>()) : out.code();
    return out;
}

fuzz::outline outline_of(bot::message const& msg) {
    fuzz::outline out;
    for (auto const& s : msg.segments()) {
        if (auto const* t = std::get_if<seg::text>(&s))
            out.text(t->content);
        else
            out.code();
    }
    return out;
}

// One text segment as we send it must decode back as exactly that text.
void check_text(seg::text const& t, ob::profile const& impl) {
    auto encoded = ob::encode_segment(t, impl);
    if (t.content.empty()) return fuzz::require(!encoded, "empty text is not sent");
    fuzz::require(encoded && is_text(*encoded), "text is sent as a text segment", t.content);
    auto back = ob::decode_segment(json::parse(encoded->dump()));
    auto const* text = back ? std::get_if<seg::text>(&back.value()) : nullptr;
    fuzz::require(text && text->content == t.content, "a text segment decodes back unchanged", t.content);
}

// The whole message as we would send it decodes back alike: texts stay texts and nothing else
// becomes one (a card is sent as text to implementations that cannot send cards, and read back so).
void check_message(bot::message const& msg, ob::profile const& impl) {
    for (auto const& s : msg.segments())
        if (auto const* t = std::get_if<seg::text>(&s)) check_text(*t, impl);
    auto encoded = ob::encode_message(msg, impl);
    auto back = ob::decode_message(json::parse(encoded.dump()));
    fuzz::require(back && outline_of(back.value()) == outline_of(encoded), "the sent message decodes back alike");
    (void)ob::uploads_needed(msg);
}

void check_message(bot::message const& msg) {
    static ob::profile const profiles[] = {ob::generic_profile(), ob::comwechat_profile()};
    for (auto const& impl : profiles) check_message(msg, impl);
}

// What the adapter does with an action response: every parser may see any response.
void read_response(json const& frame) {
    (void)ob::parse_status(frame);
    (void)ob::parse_message_id(frame);
    (void)ob::parse_file_id(frame);
    (void)ob::parse_member_info(frame);
    (void)ob::parse_member_list(frame);
    (void)ob::parse_self_info(frame);
    (void)ob::parse_group_info(frame);
    (void)ob::parse_status_bots(frame);
}

void check_event(bot::event const& e) {
    (void)e.kind();
    (void)e.dedupe_key();
    (void)e.group();
    (void)e.user();
    if (auto const* m = e.as<bot::ev::group_message>()) check_message(m->content);
    if (auto const* m = e.as<bot::ev::private_message>()) check_message(m->content);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fuzz::quiet();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto text = fuzz::as_text(data, size);
    (void)adapters::net::excerpt(text);
    // The adapters' own entry: depth checked before parsing, surrogates and bad bytes repaired.
    auto parsed = adapters::net::parse_json(text);
    if (!parsed) return 0;
    auto& frame = parsed.value;
    auto d = ob::decode_frame(frame);
    switch (d.what) {
        case ob::decoded::kind::event:
            fuzz::require(d.event.has_value(), "an event frame carries an event");
            check_event(*d.event);
            break;
        case ob::decoded::kind::meta:
            if (d.version) (void)ob::profile_for(d.version->impl);
            if (d.event) check_event(*d.event);
            break;
        case ob::decoded::kind::response:
            (void)d.echo.dump();
            read_response(frame);
            break;
        case ob::decoded::kind::ignored:
        case ob::decoded::kind::error: fuzz::require(!d.reason.empty(), "a dropped frame says why"); break;
    }
    // A bare message (a segment array or one segment) reaches the segment decoders in fewer steps.
    if (!frame.contains("detail_type"))
        if (auto msg = ob::decode_message(frame)) check_message(msg.value());
    return 0;
}
