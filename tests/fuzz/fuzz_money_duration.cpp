/// Fuzzes what members and admins type as amounts, durations and settings: parse_money,
/// parse_duration and the per-group override readers, each checked to round-trip through its
/// formatter.

#include <chrono>
#include <string>

#include "bot/config_schema.hpp"
#include "bot/money.hpp"
#include "fuzz_support.hpp"

namespace {

// A value read from text, written back and read again, is the same value.
template <typename T>
void round_trip(std::string_view text) {
    using codec = bot::detail::field_codec<T>;
    T value{};
    if (codec::from_text(text, value)) return;  // refused, with a reason
    auto written = codec::to_text(value);
    T again{};
    fuzz::require(!codec::from_text(written, again), "a written value reads back", written);
    fuzz::require(again == value, "a written value reads back unchanged", written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto text = fuzz::as_text(data, size);

    if (auto fen = bot::parse_money(text)) {
        fuzz::require(*fen >= 0, "amounts have no sign");
        auto written = bot::format_money(*fen);
        fuzz::require(bot::parse_money(written) == fen, "format_money reads back unchanged", written);
    }
    if (auto d = bot::parse_duration(text)) {
        fuzz::require(d->count() >= 0, "durations have no sign");
        fuzz::require(d->count() <= std::int64_t{10} * 366 * 24 * 3600, "durations stay within ten years");
        auto written = bot::format_duration(*d);
        fuzz::require(bot::parse_duration(written) == d, "format_duration reads back unchanged", written);
    }

    round_trip<bool>(text);
    round_trip<int>(text);
    round_trip<std::int64_t>(text);
    round_trip<double>(text);
    round_trip<std::string>(text);
    round_trip<std::vector<std::string>>(text);
    round_trip<std::vector<std::int64_t>>(text);
    round_trip<std::chrono::seconds>(text);
    round_trip<bot::time_of_day>(text);
    round_trip<bot::money_amount>(text);
    return 0;
}
