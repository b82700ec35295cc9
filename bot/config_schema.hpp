#pragma once
/// Typed configuration: a plugin describes its struct once (names, defaults, limits, help), and
/// the same description reads bot.toml, validates it, reads per-group overrides typed in chat, and
/// prints the plugin's key reference.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "bot/config_node.hpp"
#include "bot/money.hpp"
#include "bot/texts.hpp"

namespace bot {

/// What a configuration value should have been. Chat renders it in the bot's language through
/// the keyed text `key` (admins may reword it with /text); bot.toml errors for operators use
/// `english`. An empty key (checks of fields that are never set from chat) falls back to English.
struct expectation {
    std::string key;
    text_args args;
    std::string english;
};

/// The standard expectations; their texts are keyed `core.expect.<kind>`.
namespace expect {
expectation boolean();
expectation integer();
expectation integer_range(std::int64_t lo, std::int64_t hi);
expectation number();
expectation number_range(double lo, double hi);
expectation text();
expectation text_list();
expectation integer_list();
expectation duration();
expectation duration_range(std::chrono::seconds lo, std::chrono::seconds hi);
expectation positive_duration();
expectation time();
expectation money();
expectation one_of(std::vector<std::string> const& allowed);
/// A plugin's own expectation: `key` is a text the plugin defines; `english` is for bot.toml.
expectation custom(std::string key, std::string english, text_args args = {});
/// Only for fields that are never set from chat (global_only): English everywhere.
expectation english_only(std::string english);
}  // namespace expect

/// Declares the `core.expect.*` texts with their Chinese defaults.
void define_expectation_texts(texts& t);
/// An expectation in the bot's language for a group (English when its key is not defined).
std::string render_expectation(texts const& t, std::string const& group, expectation const& e);

/// A time of day, minutes after local midnight ("21:00" → 1260).
struct time_of_day {
    int minutes = 0;
    std::string str() const;
    friend bool operator==(time_of_day const&, time_of_day const&) = default;
};

/// An amount of money in config ("50", "50.5元", or an integer number of yuan).
struct money_amount {
    fen value = 0;
    friend bool operator==(money_amount const&, money_amount const&) = default;
};

/// Parses "90s", "10m", "2h", "3d", "1w", "1h30m" into seconds (no sign; at least one unit).
std::optional<std::chrono::seconds> parse_duration(std::string_view text);
/// Formats seconds back as "1h30m", "3d", "45s".
std::string format_duration(std::chrono::seconds s);

namespace detail {
/// Readers for each supported field type. Each returns what was expected, or nullopt on success.
/// Implemented in config_schema.cpp.
template <typename V>
struct field_codec;
#define QUNBOT_FIELD_CODEC(type)                                                        \
    template <>                                                                         \
    struct field_codec<type> {                                                          \
        static std::optional<expectation> from_node(config_node const& n, type& out);  \
        static std::optional<expectation> from_text(std::string_view s, type& out);    \
        static std::string to_text(type const& v);                                      \
        static expectation kind();                                                      \
    };
QUNBOT_FIELD_CODEC(bool)
QUNBOT_FIELD_CODEC(int)
QUNBOT_FIELD_CODEC(std::int64_t)
QUNBOT_FIELD_CODEC(double)
QUNBOT_FIELD_CODEC(std::string)
QUNBOT_FIELD_CODEC(std::vector<std::string>)
QUNBOT_FIELD_CODEC(std::vector<std::int64_t>)
QUNBOT_FIELD_CODEC(std::chrono::seconds)
QUNBOT_FIELD_CODEC(time_of_day)
QUNBOT_FIELD_CODEC(money_amount)
#undef QUNBOT_FIELD_CODEC
}  // namespace detail

/// Describes a secret's value without showing it: its type, and a string's length.
std::string describe_secret(config_node const& n);

/// The description of one configuration struct T.
template <typename T>
class schema {
public:
    struct field {
        std::string name;
        std::string help;   ///< in the bot's language; the default of the key's description text
        expectation kind;   ///< what the field accepts, for help
        std::function<std::optional<expectation>(T&, config_node const&)> from_node;
        std::function<std::optional<expectation>(T&, std::string_view)> from_text;
        std::function<std::string(T const&)> to_text;
        bool per_group = true;  ///< may admins override it per group from the chat
        bool secret = false;    ///< never echoed in an error (a token, a key, a password)
    };

    /// A builder to add limits to the field just declared.
    class field_builder {
    public:
        field_builder(schema& s, std::size_t index) : s_(s), i_(index) {}
        /// Adds a check; it returns what is expected, or nullopt when the value is fine.
        template <typename V>
        field_builder& check(V T::*member,
                             std::function<std::optional<expectation>(std::type_identity_t<V> const&)> fn) {
            auto& f = s_.fields_[i_];
            auto wrap = [member, fn](auto prev) {
                return [member, fn, prev](T& t, auto const& in) -> std::optional<expectation> {
                    T copy = t;
                    if (auto e = prev(copy, in)) return e;
                    if (auto e = fn(copy.*member)) return e;
                    t = std::move(copy);
                    return std::nullopt;
                };
            };
            f.from_node = wrap(f.from_node);
            f.from_text = wrap(f.from_text);
            return *this;
        }
        /// Describes what the field accepts in help, when a check narrows it.
        field_builder& accepts(expectation kind) {
            s_.fields_[i_].kind = std::move(kind);
            return *this;
        }
        /// The value is a secret: an error names its key and length, never the value.
        field_builder& secret() {
            s_.fields_[i_].secret = true;
            s_.fields_[i_].per_group = false;
            return *this;
        }
        /// The field is read only from bot.toml, never overridden per group.
        field_builder& global_only() {
            s_.fields_[i_].per_group = false;
            return *this;
        }

    private:
        schema& s_;
        std::size_t i_;
    };

    template <typename V>
    field_builder field(std::string name, V T::*member, std::string help) {
        using codec = detail::field_codec<V>;
        fields_.push_back({name, std::move(help), codec::kind(),
                           [member](T& t, config_node const& n) { return codec::from_node(n, t.*member); },
                           [member](T& t, std::string_view s) { return codec::from_text(s, t.*member); },
                           [member](T const& t) { return codec::to_text(t.*member); }, true});
        return field_builder(*this, fields_.size() - 1);
    }

    /// An integer field limited to [lo, hi].
    template <typename V>
    field_builder range(std::string name, V T::*member, std::type_identity_t<V> lo, std::type_identity_t<V> hi,
                        std::string help) {
        auto b = field(std::move(name), member, std::move(help));
        auto want = std::is_integral_v<V> ? expect::integer_range(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi))
                                          : expect::number_range(static_cast<double>(lo), static_cast<double>(hi));
        b.check(member, std::function<std::optional<expectation>(V const&)>(
                            [lo, hi, want](V const& v) -> std::optional<expectation> {
                                if (v < lo || v > hi) return want;
                                return std::nullopt;
                            }));
        b.accepts(want);
        return b;
    }

    /// A string field limited to a set of values.
    field_builder one_of(std::string name, std::string T::*member, std::vector<std::string> allowed, std::string help) {
        auto b = field(std::move(name), member, std::move(help));
        auto want = expect::one_of(allowed);
        b.check(member, std::function<std::optional<expectation>(std::string const&)>(
                            [allowed, want](std::string const& v) -> std::optional<expectation> {
                                for (auto const& a : allowed)
                                    if (a == v) return std::nullopt;
                                return want;
                            }));
        b.accepts(want);
        return b;
    }

    std::vector<struct field> const& fields() const { return fields_; }
    struct field const* find(std::string_view name) const {
        for (auto const& f : fields_)
            if (f.name == name) return &f;
        return nullptr;
    }

    /// Where read() sends each error; without one, the first error is thrown.
    using error_sink = std::function<void(config_error)>;

    /// Reads table `node` (named `path` in messages, e.g. "plugins.checkin") into `out`, keeping
    /// defaults for absent keys. Each unknown key (other than those in `reserved`) and bad value is
    /// a config_error with the position and the key, sent to `report`; a bad value keeps its default
    /// so the rest of the table is still read.
    void read(config_node const& node, std::string const& path, T& out, std::vector<std::string> const& reserved = {},
              error_sink const& report = {}) const {
        auto fail = [&](config_error e) {
            if (!report) throw e;
            report(std::move(e));
        };
        if (!node.is_table())
            return fail(config_error(node.pos, path, "expected a table, got " + std::string(node.type_name())));
        for (auto const& [key, value] : node.as_table()) {
            bool skip = false;
            for (auto const& r : reserved) skip = skip || r == key;
            if (skip) continue;
            auto f = find(key);
            if (!f) {
                fail(config_error(value.pos, path + "." + key, "unknown key; expected one of: " + names()));
                continue;
            }
            if (auto e = f->from_node(out, value))
                fail(config_error(value.pos, path + "." + key,
                                  "expected " + e->english + ", got " + (f->secret ? describe_secret(value) : describe(value))));
        }
    }

    /// A comma-separated list of the field names, for error messages.
    std::string names() const {
        std::string out;
        for (auto const& f : fields_) out += (out.empty() ? "" : ", ") + f.name;
        return out;
    }

private:
    static std::string describe(config_node const& n);
    std::vector<struct field> fields_;  // "struct": plain `field` names the member function
};

/// Describes a value for an error message: its type, and the value when it is short.
std::string describe_config_value(config_node const& n);

template <typename T>
std::string schema<T>::describe(config_node const& n) {
    return describe_config_value(n);
}

/// Concept: a config struct describes itself with `static void describe(schema<T>&)`.
template <typename T>
concept describable_config = requires(schema<T>& s) { T::describe(s); };

}  // namespace bot
