/// Fuzzes command matching and argument parsing on messages of text, mentions, replies and images,
/// and checks that a match without an error has one well-typed value per argument.

#include <algorithm>
#include <string>
#include <vector>

#include "bot/commands.hpp"
#include "fuzz_support.hpp"

namespace {

using bot::arg_kind;

bot::command make(std::vector<std::string> names, std::vector<bot::arg_spec> args = {},
                  std::optional<std::vector<std::string>> prefixes = std::nullopt) {
    bot::command c;
    c.plugin = "fuzz";
    c.names = std::move(names);
    c.args = std::move(args);
    c.prefixes = std::move(prefixes);
    return c;
}

bot::arg_spec arg(std::string name, arg_kind kind, bool optional = false) {
    return {std::move(name), kind, optional, {}};
}

// The shapes the plugins register: aliases, two-word names, own prefixes (including none) and
// every argument kind, required and optional.
bot::command_table const& commands() {
    static bot::command_table const table = [] {
        bot::command_table t;
        t.add(make({"checkin", "签到", "打卡"}));
        t.add(make({"mute", "禁言"}, {arg("member", arg_kind::user), arg("duration", arg_kind::duration),
                                       arg("reason", arg_kind::text, true)}));
        t.add(make({"give"}, {arg("member", arg_kind::user), arg("amount", arg_kind::money)}));
        t.add(make({"roll"}, {arg("times", arg_kind::integer, true), arg("sides", arg_kind::integer, true)}));
        t.add(make({"rank"}, {arg("page", arg_kind::integer, true)}));
        t.add(make({"rank week"}, {arg("page", arg_kind::integer, true)}));
        t.add(make({"config set"}, {arg("key", arg_kind::word), arg("value", arg_kind::text)}));
        t.add(make({"remind"}, {arg("after", arg_kind::duration), arg("text", arg_kind::text, true)},
                   std::vector<std::string>{"#", "/"}));
        t.add(make({"早安"}, {}, std::vector<std::string>{""}));
        t.add(make({"晚安"}, {arg("who", arg_kind::word, true)}, std::vector<std::string>{"/", ""}));
        return t;
    }();
    return table;
}

bool has_space(std::string_view s) {
    return s.find_first_of(" \t\r\n") != std::string_view::npos || s.find("\xe3\x80\x80") != std::string_view::npos;
}

// A value of the kind the spec asks for; absent only when the argument is optional.
void check_value(bot::arg_spec const& spec, bot::arg_value const& v) {
    if (std::holds_alternative<std::monostate>(v)) return fuzz::require(spec.optional, "only optional args are absent");
    switch (spec.kind) {
        case arg_kind::word: {
            auto const* s = std::get_if<std::string>(&v);
            return fuzz::require(s && !s->empty() && !has_space(*s), "a word is one non-empty word");
        }
        case arg_kind::text: {
            auto const* s = std::get_if<std::string>(&v);
            return fuzz::require(s && !s->empty(), "a text argument is non-empty text");
        }
        case arg_kind::user: {
            auto const* u = std::get_if<bot::id>(&v);
            return fuzz::require(u && !u->empty(), "a user argument is an id");
        }
        case arg_kind::integer: return fuzz::require(std::holds_alternative<std::int64_t>(v), "an integer argument");
        case arg_kind::duration: {
            auto const* d = std::get_if<std::chrono::seconds>(&v);
            return fuzz::require(d && d->count() >= 0, "a duration argument has no sign");
        }
        case arg_kind::money: {
            auto const* m = std::get_if<bot::money_amount>(&v);
            return fuzz::require(m && m->value >= 0, "a money argument has no sign");
        }
    }
}

// The input as a message: pieces split at \x1f; a piece starting with \x01 is a mention of the
// rest ("\x01bot" mentions the bot), \x02 a reply, \x03 an image, \x04 @all; anything else is text.
bot::message to_message(std::string_view text) {
    bot::message msg;
    while (true) {
        auto cut = text.find('\x1f');
        auto piece = text.substr(0, cut);
        auto rest = piece.empty() ? piece : piece.substr(1);
        if (piece.starts_with('\x01'))
            msg.add(bot::seg::at{bot::id(std::string(rest)), {}});
        else if (piece.starts_with('\x02'))
            msg.add(bot::seg::reply{bot::id(std::string(rest))});
        else if (piece.starts_with('\x03'))
            msg.add(bot::seg::image{std::string(rest), {}, {}});
        else if (piece.starts_with('\x04'))
            msg.add(bot::seg::at_all{});
        else if (!piece.empty())
            msg.add(bot::seg::text{std::string(piece)});
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return msg;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto text = fuzz::as_text(data, size);
    // Words and texts are whatever the tokenizer cut; the typed kinds must check their input.
    for (auto kind : {arg_kind::user, arg_kind::integer, arg_kind::duration, arg_kind::money}) {
        if (auto v = bot::parse_arg(kind, text)) check_value({"x", kind, false, {}}, *v);
    }

    static std::vector<std::string> const prefixes{"/", "！"};
    auto m = commands().match(to_message(text), bot::id("bot"), prefixes);
    if (!m) return 0;
    fuzz::require(m->cmd != nullptr, "a match names its command");
    auto const& own = m->cmd->prefixes ? *m->cmd->prefixes : prefixes;
    fuzz::require(std::find(own.begin(), own.end(), m->prefix) != own.end(), "the prefix used is the command's");
    (void)m->cmd->usage(m->prefix);
    if (m->error) {
        fuzz::require(!m->error->empty(), "a usage error says what is wrong");
        return 0;
    }
    fuzz::require(m->values.size() == m->cmd->args.size(), "one value per argument");
    for (std::size_t i = 0; i < m->values.size(); ++i) check_value(m->cmd->args[i], m->values[i]);
    return 0;
}
