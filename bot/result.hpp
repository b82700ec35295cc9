#pragma once
/// The outcome of a platform call: a value, or a typed error that says why.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace bot {

/// Why a platform call failed.
enum class errc {
    unsupported,    ///< the platform cannot do this (WeChat has no mute)
    not_connected,  ///< no live connection for this account
    timeout,        ///< no answer in time
    rejected,       ///< the platform answered "failed" (no permission, risk control, ...)
    bad_request,    ///< the call's parameters were refused
    not_found,      ///< the user, group or message does not exist
    internal,       ///< a bug or unexpected answer
};

std::string_view errc_name(errc e);

/// A typed error with the platform's own words.
struct error {
    errc code = errc::internal;
    std::string detail;
};

/// A value or an error, like std::expected (which C++20 lacks).
template <typename T>
class result {
public:
    result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    result(error e) : v_(std::move(e)) {}      // NOLINT(google-explicit-constructor)

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T const& value() const& { return std::get<0>(v_); }
    T& value() & { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T const* operator->() const { return &std::get<0>(v_); }
    T const& operator*() const { return std::get<0>(v_); }
    struct error const& err() const { return std::get<1>(v_); }

private:
    std::variant<T, struct error> v_;
};

/// A call with nothing to return.
struct done {};
using status = result<done>;

inline status ok() { return done{}; }

}  // namespace bot
