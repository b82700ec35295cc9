#pragma once
/// One decoder per v11 event type; decode.cpp binds them to keys in its table.

#include "adapters/onebot11/decoders/fields.hpp"

namespace adapters::onebot11::decoders {

decoded group_message(frame const& f);
decoded private_message(frame const& f);
decoded group_increase(frame const& f);
decoded group_decrease(frame const& f);
decoded group_admin(frame const& f);
decoded group_ban(frame const& f);
decoded group_recall(frame const& f);
decoded friend_recall(frame const& f);
decoded poke(frame const& f);
decoded lucky_king(frame const& f);
decoded group_request(frame const& f);
decoded friend_request(frame const& f);
decoded lifecycle(frame const& f);
decoded heartbeat(frame const& f);

// Types the core has no event for: ignored, each with its reason.
decoded honor(frame const& f);
decoded group_upload(frame const& f);
decoded group_card(frame const& f);
decoded essence(frame const& f);
decoded friend_add(frame const& f);

}  // namespace adapters::onebot11::decoders
