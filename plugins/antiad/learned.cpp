// What admins taught a group: texts that pass (/误判), ad samples that similar messages are caught
// by (/ad), and the recent messages /ad can act on. Kept apart from the detector's layers.
#include <type_traits>
#include <variant>

#include "plugins/antiad/explain.hpp"
#include "plugins/antiad/moderation.hpp"
#include "plugins/antiad/normalize.hpp"

namespace plugins::antiad {

namespace {

/// Only plain messages (text, mentions, replies, emoji) can pass: an image or a card is checked anyway.
bool plain(bot::message const& m) {
    for (auto const& seg : m.segments())
        if (!std::holds_alternative<bot::seg::text>(seg) && !std::holds_alternative<bot::seg::at>(seg) &&
            !std::holds_alternative<bot::seg::reply>(seg) && !std::holds_alternative<bot::seg::face>(seg))
            return false;
    return true;
}

}  // namespace

std::string moderation::compact_of(bot::message const& m) {
    return normalize_compact(text_of(m));
}

std::string moderation::spaced_of(std::string_view text) {
    normalized n;
    normalize(text, n);
    return n.spaced;
}

void moderation::load_learned(std::string const& key, group_state& gs) {
    gs.passes.clear();
    for (auto const& e : repo_.learned(key, "pass")) gs.passes.insert(e.normalized);
    gs.samples = sample_set();
    for (auto const& e : repo_.learned(key, "sample")) gs.samples.add(e.id, spaced_of(e.original), e.original);
    if (gs.cfg.learn_global)
        for (auto const& e : repo_.learned("*", "sample")) gs.samples.add(e.id, spaced_of(e.original), e.original);
}

bool moderation::learned_pass(group_state const& gs, bot::message const& m) {
    if (gs.passes.empty() || !plain(m)) return false;
    // An exact match of the whole normalised text, never a likeness: a pass cannot spread to
    // other texts that happen to carry a contact.
    return gs.passes.count(compact_of(m)) > 0;
}

std::optional<finding> moderation::check_similar(group_state const& gs, bot::message const& m) {
    if (gs.samples.empty() || !std::any_of(m.segments().begin(), m.segments().end(),
                                           [](auto const& seg) { return std::holds_alternative<bot::seg::text>(seg); }))
        return std::nullopt;
    check_options o{&gs.allow, &gs.cfg.off_rules, gs.cfg.threshold, false};
    if (!o.rule_on("similar")) return std::nullopt;
    // Word by word: Latin words keep their boundaries in the spaced view.
    auto original = text_of(m);
    auto spaced = spaced_of(original);
    auto compact = normalize_compact(original);
    if (text_length(compact) < static_cast<std::size_t>(gs.cfg.similarity_min_chars)) return std::nullopt;
    auto best = gs.samples.best(spaced, gs.cfg.similarity_threshold);
    if (!best) return std::nullopt;
    return finding{hit{"similar", best->original}, original, compact};
}

void moderation::remember(bot::session const& s, bot::message const& m) {
    recent_.add(s.group()->key(), seen_message{s.message_id(), s.user_id(), s.user_name(), m});
}

std::optional<seen_message> moderation::recent(bot::group_ref const& g, bot::id const& message) const {
    return recent_.newest(g.key(), [&](seen_message const& m) { return m.id == message; });
}

std::size_t moderation::seen_bytes(seen_message const& m) {
    auto id_bytes = [](bot::id const& id) { return id.is_string() ? id.as_string().capacity() : 0; };
    std::size_t n = sizeof(seen_message) + id_bytes(m.id) + id_bytes(m.user) + m.name.capacity() +
                    m.content.segments().capacity() * sizeof(bot::segment);
    for (auto const& seg : m.content.segments()) {
        std::visit(
            [&n](auto const& part) {
                using part_type = std::decay_t<decltype(part)>;
                if constexpr (std::is_same_v<part_type, bot::seg::text>) {
                    n += part.content.capacity();
                } else if constexpr (std::is_same_v<part_type, bot::seg::image>) {
                    n += part.url.capacity() + part.file.capacity() + part.summary.capacity();
                } else if constexpr (std::is_same_v<part_type, bot::seg::card>) {
                    n += part.kind.capacity() + part.title.capacity() + part.url.capacity() + part.content.capacity() +
                         part.raw.capacity();
                } else if constexpr (std::is_same_v<part_type, bot::seg::file>) {
                    n += part.name.capacity() + part.url.capacity();
                } else if constexpr (std::is_same_v<part_type, bot::seg::unknown>) {
                    n += part.type.capacity() + part.raw.capacity();
                }
            },
            seg);
    }
    return n;
}

}  // namespace plugins::antiad
