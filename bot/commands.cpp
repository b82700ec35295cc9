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

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// Flattens the message into text (mentions as "@name") and tokens; other segments become attachments.
struct tokenized {
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
    for (auto const& segment : msg.segments()) {
        if (leading && std::holds_alternative<seg::reply>(segment)) continue;
        if (auto a = std::get_if<seg::at>(&segment)) {
            if (leading && a->user == self) continue;
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

std::string_view strip(std::string_view s) {
    std::size_t len = 0;
    while (!s.empty() && is_space_at(s, 0, len)) s.remove_prefix(len);
    while (!s.empty()) {
        auto c = s.back();
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            s.remove_suffix(1);
        } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xe3\x80\x80") {
            s.remove_suffix(3);
        } else {
            break;
        }
    }
    return s;
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

command& command_table::add(command c) {
    if (c.names.empty()) throw std::invalid_argument("a command needs a name");
    for (auto const& n : c.names)
        for (auto const& other : commands_)
            for (auto const& on : other.names)
                if (lower_ascii(on) == lower_ascii(n))
                    throw std::invalid_argument("command name '" + n + "' of plugin '" + c.plugin +
                                                "' is already used by plugin '" + other.plugin + "'");
    commands_.push_back(std::move(c));
    indexed_ = false;
    return commands_.back();
}

void command_table::remove_plugin(std::string const& plugin) {
    std::erase_if(commands_, [&](auto const& c) { return c.plugin == plugin; });
    indexed_ = false;
}

void command_table::build_index() const {
    by_first_word_.clear();
    own_prefixes_.clear();
    std::size_t order = 0;
    for (std::size_t i = 0; i < commands_.size(); ++i) {
        auto const& c = commands_[i];
        for (auto const& name : c.names) {
            auto words = split_words(lower_ascii(name));
            if (words.empty()) continue;
            auto first = words.front();
            by_first_word_[first].push_back(indexed_name{i, order++, std::move(words)});
        }
        if (c.prefixes)
            for (auto const& p : *c.prefixes)
                if (std::find(own_prefixes_.begin(), own_prefixes_.end(), p) == own_prefixes_.end()) own_prefixes_.push_back(p);
    }
    indexed_ = true;
}

command* command_table::find(std::string_view name) {
    // The caller may change the command it gets: match rebuilds its index afterwards.
    indexed_ = false;
    auto key = lower_ascii(name);
    for (auto& c : commands_)
        for (auto const& n : c.names)
            if (lower_ascii(n) == key) return &c;
    return nullptr;
}

std::optional<command_match> command_table::match(message const& msg, id const& self,
                                                  std::vector<std::string> const& default_prefixes) const {
    auto tk = tokenize(msg, self);
    if (tk.tokens.empty() || !tk.tokens.front().user.empty()) return std::nullopt;
    auto head = lower_ascii(normalise_head(tk.tokens.front().text));
    if (!indexed_) build_index();

    // The head is a prefix followed by a name's first word: look the rest up for each prefix the
    // head starts with. The name with the most words wins; among equals, the first registered.
    command const* best = nullptr;
    std::string best_prefix;
    std::size_t best_words = 0;
    std::size_t best_order = 0;
    auto try_prefix = [&](std::string const& prefix) {
        if (!std::string_view(head).starts_with(prefix)) return;
        auto it = by_first_word_.find(std::string_view(head).substr(prefix.size()));
        if (it == by_first_word_.end()) return;
        for (auto const& n : it->second) {
            auto const& words = n.words;
            if (words.size() > tk.tokens.size() || words.size() < best_words) continue;
            if (best && words.size() == best_words && best_order <= n.order) continue;
            auto const& c = commands_[n.command];
            auto const& prefixes = c.prefixes ? *c.prefixes : default_prefixes;
            if (std::find(prefixes.begin(), prefixes.end(), prefix) == prefixes.end()) continue;
            bool all = true;
            for (std::size_t i = 1; i < words.size() && all; ++i)
                all = tk.tokens[i].user.empty() && lower_ascii(tk.tokens[i].text) == words[i];
            if (!all) continue;
            best = &c;
            best_prefix = prefix;
            best_words = words.size();
            best_order = n.order;
        }
    };
    for (auto const& prefix : default_prefixes) try_prefix(prefix);
    for (auto const& prefix : own_prefixes_) try_prefix(prefix);
    if (!best) return std::nullopt;

    command_match m;
    m.cmd = best;
    m.prefix = best_prefix;
    m.attachments = tk.attachments;
    std::size_t next = best_words;
    for (auto const& spec : best->args) {
        if (spec.kind == arg_kind::text) {
            auto rest = next < tk.tokens.size() ? strip(std::string_view(tk.flat).substr(tk.tokens[next].offset))
                                                : std::string_view();
            next = tk.tokens.size();
            if (rest.empty()) {
                if (!spec.optional) {
                    m.error = "缺少参数 " + spec.name + "（" + std::string(arg_kind_hint(spec.kind)) + "）";
                    return m;
                }
                m.values.emplace_back();
            } else {
                m.values.emplace_back(shorten(rest, max_text_argument));
            }
            continue;
        }
        if (next >= tk.tokens.size()) {
            if (!spec.optional) {
                m.error = "缺少参数 " + spec.name + "（" + std::string(arg_kind_hint(spec.kind)) + "）";
                return m;
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
            return m;
        }
        m.values.push_back(std::move(*v));
        ++next;
    }
    if (next < tk.tokens.size()) m.error = "多余的参数「" + tk.tokens[next].text + "」";
    return m;
}

arg_value const& command_call::get(std::string_view name) const {
    for (std::size_t i = 0; i < command_.args.size() && i < values_.size(); ++i)
        if (command_.args[i].name == name) return values_[i];
    throw std::invalid_argument("command '" + command_.name() + "' has no argument '" + std::string(name) + "'");
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
