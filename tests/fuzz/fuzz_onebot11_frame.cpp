/// Fuzzes the OneBot v11 frame decoder as the adapter runs it on every frame, and checks that a
/// member's text, sent back through our encoder as a segment array or a CQ string, stays text. A
/// frame the fast reader serves must decode to the same event as through the full decoder.

#include <nlohmann/json.hpp>

#include <string>

#include "adapters/net/calls.hpp"
#include "adapters/net/diagnostics.hpp"
#include "adapters/net/json_frame.hpp"
#include "adapters/onebot11/actions.hpp"
#include "adapters/onebot11/cq_code.hpp"
#include "adapters/onebot11/decode.hpp"
#include "adapters/onebot11/fast_reader.hpp"
#include "adapters/onebot11/segments.hpp"
#include "fuzz_support.hpp"
#include "../adapters/onebot11_compare.hpp"

namespace ob = adapters::onebot11;
namespace seg = bot::seg;
using nlohmann::json;

namespace {

bool is_text(json const& segment) {
    return segment.value("type", std::string()) == "text";
}

std::string text_of(json const& segment) {
    return segment.at("data").at("text").get<std::string>();
}

// The outline of an array-form message, and of a decoded one.
fuzz::outline outline_of(json const& segments) {
    fuzz::outline out;
    for (auto const& s : segments) is_text(s) ? out.text(text_of(s)) : out.code();
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

// One text segment as we send it must decode back, from both wire forms, as exactly that text.
void check_text(seg::text const& t) {
    auto encoded = ob::encode_segment(t);
    if (t.content.empty()) return fuzz::require(!encoded, "empty text is not sent");
    fuzz::require(encoded && is_text(*encoded), "text is sent as a text segment", t.content);
    auto back = ob::decode_segment(*encoded);
    auto const* text = back ? std::get_if<seg::text>(&back.value()) : nullptr;
    fuzz::require(text && text->content == t.content, "a text segment decodes back unchanged", t.content);
    auto cq = ob::cq_parse(ob::cq_serialise(json::array({*encoded})));
    fuzz::require(cq.size() == 1 && is_text(cq[0]) && text_of(cq[0]) == t.content,
                  "a text segment survives the CQ string unchanged", t.content);
}

// The whole message as we would send it: over the socket as JSON, and as a CQ string, texts stay
// texts and no code appears that the encoder did not write.
void check_message(bot::message const& msg) {
    for (auto const& s : msg.segments())
        if (auto const* t = std::get_if<seg::text>(&s)) check_text(*t);
    auto encoded = ob::encode_message(msg);
    auto back = ob::decode_message(json::parse(encoded.dump()));
    fuzz::require(back && outline_of(back.value()) == outline_of(encoded), "the sent message decodes back alike");
    auto cq = ob::cq_serialise(encoded);
    fuzz::require(outline_of(ob::cq_parse(cq)) == outline_of(encoded), "the CQ string has our texts and codes", cq);
    auto from_cq = ob::decode_message(json(cq));
    fuzz::require(from_cq && outline_of(from_cq.value()) == outline_of(encoded), "the CQ string decodes alike", cq);
}

// What the adapter does with an action response: every parser may see any response.
void read_response(json const& frame) {
    (void)ob::response_echo(frame).dump();
    (void)ob::parse_status(frame);
    (void)ob::parse_message_id(frame);
    (void)ob::parse_member_info(frame);
    (void)ob::parse_member_list(frame);
    (void)ob::parse_login_info(frame);
    (void)ob::parse_group_info(frame);
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
    // Text written without a JSON tree is what dump_frame writes for the same string.
    std::string written;
    adapters::net::append_json_string(written, text);
    fuzz::require(written == adapters::net::dump_frame(json(std::string(text))), "append_json_string writes dump_frame's bytes");
    static ob::fast_reader reader;
    if (auto fast = reader.read(text)) {
        auto slow = ob::decode_text(text);
        fuzz::require(fast->is(ob::decoded::kind::event) && slow.is(ob::decoded::kind::event),
                      "a frame the fast reader serves is an event to the full decoder too", slow.reason);
        fuzz::require(fast->own == slow.own && testing::onebot11::same_event(*fast->event, *slow.event),
                      "the fast reader and the full decoder read the same event");
    }
    // The adapters' own entry: depth checked before parsing, surrogates and bad bytes repaired.
    auto parsed = adapters::net::parse_json(text);
    if (!parsed) return 0;
    auto& frame = parsed.value;
    auto d = ob::decode_frame(frame);
    switch (d.what) {
        case ob::decoded::kind::event:
        case ob::decoded::kind::meta:
            fuzz::require(d.event.has_value(), "events and meta events carry an event");
            check_event(*d.event);
            break;
        case ob::decoded::kind::response:
            (void)d.echo.dump();
            read_response(frame);
            break;
        case ob::decoded::kind::ignored:
        case ob::decoded::kind::error: fuzz::require(!d.reason.empty(), "a dropped frame says why"); break;
    }
    // A bare message (a CQ string, a segment array or one segment) reaches the segment decoders in
    // fewer steps.
    if (!frame.contains("post_type"))
        if (auto msg = ob::decode_message(frame)) check_message(msg.value());
    return 0;
}
