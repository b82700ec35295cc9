#pragma once
/// `overloaded{lambdas...}`: one visitor for std::visit built from a lambda per alternative.

namespace bot {

/// A visitor that inherits every lambda's call operator.
template <class... Ts>
struct overloaded : Ts... {
    using Ts::operator()...;
};
// C++20 deduces this for aggregates, but clang 14 does not implement that yet.
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

}  // namespace bot
