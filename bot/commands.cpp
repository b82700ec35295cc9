#include "bot/commands.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "bot/config_schema.hpp"
#include "bot/utf8.hpp"

namespace bot {

namespace {

/// A word or a mention after the command name; `offset` points into the flat text.
struct token {
    std::string text;
    id user;
    std::size_t offset = 0;
    std::size_t end = 0;
};

bool is_space_at(std::string_view s, std::size_t i, std::size_t& len) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        len = 1;
        return true;
    }
    // U+3000 IDEOGRAPHIC SPACE, typed by Chinese input methods.
    if (s.substr(i, 3) == "\xe3\x80\x80") {
        len = 3;
        return true;
    }
    return false;
}

/// Flattens the message into text (mentions as "@name") and tokens; other segments become attachments.
struct tokenized {
    bool addressed = false;  ///< the message begins by mentioning the bot
    std::string flat;
    std::vector<token> tokens;
    message attachments;
};

tokenized tokenize(message const& msg, id const& self) {
    tokenized out;
    bool leading = true;
    std::string word;
    std::size_t word_start = 0;
    auto flush = [&] {
        if (!word.empty()) out.tokens.push_back({word, {}, word_start, out.flat.size()});
        word.clear();
    };
    // A QQ client answering a message puts the quote, then a mention of its author, before what was
    // typed: that one mention is the client's, not the member's.
    bool client_mention = false;
    for (auto const& segment : msg.segments()) {
        if (leading && std::holds_alternative<seg::reply>(segment)) {
            client_mention = true;
            continue;
        }
        if (auto a = std::get_if<seg::at>(&segment)) {
            if (leading && a->user == self) {
                // The mention a QQ client adds when quoting the bot does not address it.
                if (!client_mention) out.addressed = true;
                continue;
            }
            if (leading && client_mention) {
                client_mention = false;
                continue;
            }
            flush();
            leading = false;
            auto start = out.flat.size();
            out.flat += "@" + (a->name.empty() ? a->user.str() : a->name);
            out.tokens.push_back({out.flat.substr(start), a->user, start, out.flat.size()});
            continue;
        }
        if (auto t = std::get_if<seg::text>(&segment)) {
            auto const& s = t->content;
            for (std::size_t i = 0; i < s.size();) {
                std::size_t len = 0;
                if (is_space_at(s, i, len)) {
                    flush();
                    out.flat.append(s, i, len);
                    i += len;
                    continue;
                }
                leading = false;
                if (word.empty()) word_start = out.flat.size();
                word += s[i];
                out.flat += s[i];
                ++i;
            }
            continue;
        }
        // Any other segment ends the word before it: "/roll[image]3" is "/roll" and "3", not "/roll3".
        flush();
        if (std::holds_alternative<seg::at_all>(segment)) continue;
        out.attachments.add(segment);
    }
    flush();
    return out;
}

/// Normalises a full-width slash typed by Chinese input methods to "/".
std::string normalise_head(std::string_view word) {
    if (word.starts_with("\xef\xbc\x8f")) return "/" + std::string(word.substr(3));
    return std::string(word);
}

std::vector<std::string> split_words(std::string_view name) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < name.size()) {
        auto j = name.find(' ', i);
        if (j == std::string_view::npos) j = name.size();
        if (j > i) out.emplace_back(name.substr(i, j - i));
        i = j + 1;
    }
    return out;
}

}  // namespace

std::string command::usage(std::string_view prefix) const {
    std::string out = std::string(prefix) + name();
    for (auto const& a : args) out += a.optional ? " [" + a.name + "]" : " <" + a.name + ">";
    return out;
}

std::string_view arg_kind_hint(arg_kind kind) {
    switch (kind) {
        case arg_kind::word: return "一个词";
        case arg_kind::text: return "一段文字";
        case arg_kind::user: return "@某人 或用户 ID";
        case arg_kind::integer: return "整数";
        case arg_kind::duration: return "时长，如 10m、2h、3d";
        case arg_kind::money: return "金额，如 50 或 50.5元";
    }
    return "";
}

std::optional<arg_value> parse_arg(arg_kind kind, std::string_view word) {
    switch (kind) {
        case arg_kind::word:
        case arg_kind::text: return arg_value(std::string(word));
        case arg_kind::user:
        case arg_kind::integer: {
            std::int64_t v = 0;
            auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
            if (ec != std::errc{} || ptr != word.data() + word.size()) return std::nullopt;
            if (kind == arg_kind::user) return arg_value(id(v));
            return arg_value(v);
        }
        case arg_kind::duration:
            if (auto d = parse_duration(word)) return arg_value(*d);
            return std::nullopt;
        case arg_kind::money:
            if (auto m = parse_money(word)) return arg_value(money_amount{*m});
            return std::nullopt;
    }
    return std::nullopt;
}

command_table::command_table() = default;

std::shared_ptr<command_table::version const> command_table::build(std::vector<command_ptr> commands) {
    auto v = std::make_shared<version>();
    v->commands = std::move(commands);
    std::size_t order = 0;
    for (std::size_t i = 0; i < v->commands.size(); ++i) {
        auto const& c = *v->commands[i];
        for (auto const& name : c.names) {
            auto words = split_words(lower_ascii(name));
            if (words.empty()) continue;
            auto first = words.front();
            v->by_first_word[first].push_back(indexed_name{i, order++, std::move(words)});
        }
        if (c.prefixes)
            for (auto const& p : *c.prefixes)
                if (std::find(v->own_prefixes.begin(), v->own_prefixes.end(), p) == v->own_prefixes.end())
                    v->own_prefixes.push_back(p);
    }
    return v;
}

std::shared_ptr<command_table::version const> command_table::current() const {
    if (!current_) {
        current_ = build(commands_);
        ++versions_built_;
    }
    return current_;
}

void command_table::index_names(command_ptr const& c) {
    // The first command to take a name keeps it, as find() answered before this index existed.
    for (auto const& n : c->names) by_name_.emplace(lower_ascii(n), c);
}

void command_table::add(command c) {
    if (c.names.empty()) throw std::invalid_argument("a command needs a name");
    for (auto const& n : c.names)
        if (auto other = find(n))
            throw std::invalid_argument("command name '" + n + "' of plugin '" + c.plugin +
                                        "' is already used by plugin '" + other->plugin + "'");
    commands_.push_back(std::make_shared<command const>(std::move(c)));
    index_names(commands_.back());
    current_.reset();
}

void command_table::remove_plugin(std::string const& plugin) {
    if (std::erase_if(commands_, [&](auto const& c) { return c->plugin == plugin; }) == 0) return;
    by_name_.clear();
    for (auto const& c : commands_) index_names(c);
    current_.reset();
}

command_table::command_ptr command_table::find(std::string_view name) const {
    auto it = by_name_.find(lower_ascii(name));
    return it == by_name_.end() ? nullptr : it->second;
}

namespace {

std::string missing_argument(arg_spec const& spec) {
    return "缺少参数 " + spec.name + "（" + std::string(arg_kind_hint(spec.kind)) + "）";
}

/// Binds the tokens after the command's name (from `next` on) to its arguments: the values, or
/// what was wrong.
void bind_arguments(command const& cmd, tokenized const& tk, std::size_t next, command_match& m) {
    for (auto const& spec : cmd.args) {
        if (spec.kind == arg_kind::text) {
            auto rest = next < tk.tokens.size() ? trim(std::string_view(tk.flat).substr(tk.tokens[next].offset))
                                                : std::string_view();
            next = tk.tokens.size();
            if (rest.empty()) {
                if (!spec.optional) {
                    m.error = missing_argument(spec);
                    return;
                }
                m.values.emplace_back();
            } else {
                m.values.emplace_back(shorten(rest, max_text_argument));
            }
            continue;
        }
        if (next >= tk.tokens.size()) {
            if (!spec.optional) {
                m.error = missing_argument(spec);
                return;
            }
            m.values.emplace_back();
            continue;
        }
        auto const& t = tk.tokens[next];
        if (spec.kind == arg_kind::user && !t.user.empty()) {
            m.values.emplace_back(t.user);
            ++next;
            continue;
        }
        auto v = t.user.empty() ? parse_arg(spec.kind, t.text) : std::nullopt;
        if (!v) {
            m.error = "「" + t.text + "」不是有效的" + spec.name + "（应为" + std::string(arg_kind_hint(spec.kind)) + "）";
            return;
        }
        m.values.push_back(std::move(*v));
        ++next;
    }
    if (next < tk.tokens.size()) m.error = "多余的参数「" + tk.tokens[next].text + "」";
}

}  // namespace

std::optional<command_match> command_table::match(message const& msg, id const& self,
                                                  std::vector<std::string> const& default_prefixes) const {
    auto tk = tokenize(msg, self);
    if (tk.tokens.empty() || !tk.tokens.front().user.empty()) return std::nullopt;
    auto head = lower_ascii(normalise_head(tk.tokens.front().text));
    auto v = current();

    // The head is a prefix followed by a name's first word: look the rest up for each prefix the
    // head starts with. The name with the most words wins; among equals, the first registered.
    lookup_result best;
    std::size_t best_order = 0;
    // A message that begins by mentioning the bot is addressed to it: there the command needs no
    // prefix ("@bot 打卡 今天的输出"), as a member typing on a phone would write it.
    auto try_prefix = [&](std::string const& prefix, bool addressed = false) {
        if (!std::string_view(head).starts_with(prefix)) return;
        auto it = v->by_first_word.find(std::string_view(head).substr(prefix.size()));
        if (it == v->by_first_word.end()) return;
        for (auto const& n : it->second) {
            auto const& words = n.words;
            if (words.size() > tk.tokens.size() || words.size() < best.words) continue;
            if (best.cmd && words.size() == best.words && best_order <= n.order) continue;
            auto const& c = v->commands[n.command];
            auto const& prefixes = c->prefixes ? *c->prefixes : default_prefixes;
            if (!addressed && std::find(prefixes.begin(), prefixes.end(), prefix) == prefixes.end()) continue;
            bool all = true;
            for (std::size_t i = 1; i < words.size() && all; ++i)
                all = tk.tokens[i].user.empty() && lower_ascii(tk.tokens[i].text) == words[i];
            if (!all) continue;
            best = {c, prefix, words.size()};
            best_order = n.order;
        }
    };
    for (auto const& prefix : default_prefixes) try_prefix(prefix);
    for (auto const& prefix : v->own_prefixes) try_prefix(prefix);
    bool by_address = false;
    if (!best.cmd && tk.addressed) {
        try_prefix("", true);
        by_address = best.cmd != nullptr;
    }
    if (!best.cmd) return std::nullopt;

    command_match m;
    m.cmd = best.cmd;
    m.prefix = best.prefix;
    if (by_address) {
        // Usage lines show the prefix the command is typed with elsewhere.
        auto const& prefixes = best.cmd->prefixes ? *best.cmd->prefixes : default_prefixes;
        if (!prefixes.empty()) m.prefix = prefixes.front();
    }
    m.attachments = tk.attachments;
    bind_arguments(*best.cmd, tk, best.words, m);
    return m;
}

arg_value const& command_call::get(std::string_view name) const {
    for (std::size_t i = 0; i < command_->args.size() && i < values_.size(); ++i)
        if (command_->args[i].name == name) return values_[i];
    throw std::invalid_argument("command '" + command_->name() + "' has no argument '" + std::string(name) + "'");
}

bool command_call::has(std::string_view name) const { return !std::holds_alternative<std::monostate>(get(name)); }

std::string command_call::text(std::string_view name) const {
    auto const& v = get(name);
    if (auto s = std::get_if<std::string>(&v)) return *s;
    return {};
}

id command_call::user(std::string_view name) const {
    auto const& v = get(name);
    if (auto u = std::get_if<id>(&v)) return *u;
    return {};
}

std::int64_t command_call::integer(std::string_view name, std::int64_t fallback) const {
    auto const& v = get(name);
    if (auto i = std::get_if<std::int64_t>(&v)) return *i;
    return fallback;
}

std::chrono::seconds command_call::duration(std::string_view name, std::chrono::seconds fallback) const {
    auto const& v = get(name);
    if (auto d = std::get_if<std::chrono::seconds>(&v)) return *d;
    return fallback;
}

fen command_call::money(std::string_view name, fen fallback) const {
    auto const& v = get(name);
    if (auto m = std::get_if<money_amount>(&v)) return m->value;
    return fallback;
}

}  // namespace bot
