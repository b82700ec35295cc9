#pragma once
/// Opaque identifiers that remember the JSON type they arrived in (int64, uint64 or string).

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>

namespace bot {

/// A platform identifier (user, group, message, flag). Numbers stay numbers and strings stay
/// strings, so an adapter can send an ID back in exactly the type it came in. A number past
/// INT64_MAX (Lagrange writes IDs as uint64) is kept as an unsigned number.
class id {
public:
    id() = default;
    id(std::int64_t v) : v_(v) {}  // NOLINT(google-explicit-constructor): ids are written as literals in tests
    id(std::string v) : v_(std::move(v)) {}  // NOLINT(google-explicit-constructor)
    id(char const* v) : v_(std::string(v)) {}  // NOLINT(google-explicit-constructor)
    /// An unsigned number; one that fits int64 becomes an int id, so equal numbers are equal ids.
    /// Named rather than a constructor: `id(5)` would otherwise be ambiguous.
    static id from_unsigned(std::uint64_t v);

    bool empty() const { return std::holds_alternative<std::monostate>(v_); }
    bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }
    bool is_string() const { return std::holds_alternative<std::string>(v_); }
    /// An unsigned number past INT64_MAX (smaller ones are ints).
    bool is_uint() const { return std::holds_alternative<std::uint64_t>(v_); }
    std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
    std::uint64_t as_uint() const { return std::get<std::uint64_t>(v_); }
    std::string const& as_string() const { return std::get<std::string>(v_); }

    /// The ID as a number when it is one or a string of digits.
    std::optional<std::int64_t> to_int() const;
    /// The ID as text, for keys, logs and storage; empty for an empty ID.
    std::string str() const;

    /// Restores an ID written by `encode()`: "i:123", "u:18446744073709551615" or "s:abc" (plain
    /// text is taken as a string).
    static id decode(std::string_view text);
    /// A lossless text form that keeps the type, for storage.
    std::string encode() const;

    /// Equal IDs hash equal; no text is built for it.
    std::size_t hash() const noexcept { return std::hash<decltype(v_)>{}(v_); }

    friend bool operator==(id const&, id const&) = default;
    friend auto operator<=>(id const& a, id const& b) { return a.key_order(b); }

private:
    std::strong_ordering key_order(id const& other) const;
    // uint64 is last so the order of the older alternatives, and thus of stored keys, is unchanged.
    std::variant<std::monostate, std::int64_t, std::string, std::uint64_t> v_;
};

}  // namespace bot

template <>
struct std::hash<bot::id> {
    std::size_t operator()(bot::id const& v) const noexcept { return v.hash(); }
};
