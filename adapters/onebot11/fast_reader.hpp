#pragma once
/// The hot path of inbound frames. A group or private message whose fields and segments all have
/// their usual shapes is read straight from the text with simdjson: one parser reused frame after
/// frame, no tree of nodes built per event. Every other frame (other events, action responses, CQ
/// strings, cards, duplicate keys, odd field types, bad bytes, anything past `max_bytes`) is
/// declined and goes through decode_frame, so a frame this reader serves decodes exactly as
/// decode_frame would have decoded it (tests/adapters/onebot11_fast_reader_test.cpp holds both to
/// that).

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include "adapters/onebot11/decode.hpp"

namespace adapters::onebot11 {

class fast_reader {
public:
    /// Frames past this size are declined: the parser keeps buffers as large as the largest frame
    /// it has read, and message frames are a few hundred bytes.
    static constexpr std::size_t max_bytes = 64 * 1024;

    fast_reader();
    ~fast_reader();
    fast_reader(fast_reader const&) = delete;
    fast_reader& operator=(fast_reader const&) = delete;

    /// The decoded message, or nullopt when the frame is not one this reader serves.
    std::optional<decoded> read(std::string_view text);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace adapters::onebot11
