#pragma once
/// Perceptual hashes: a 64-bit fingerprint of what an image looks like, so that a known ad image
/// re-encoded, resized or brightened is still recognised.

#include <bit>
#include <cstdint>
#include <string>

#include "plugins/antiad/pixels.hpp"

namespace plugins::antiad {

/// The difference hash (dHash) of an image: its plain border trimmed, the rest shrunk to 9×8 grey
/// cells, one bit per pair of neighbouring cells in a row, set when the left cell is brighter.
std::uint64_t dhash(gray_image const& img);

/// How many bits two hashes differ in: 0 for the same picture, about 32 for unrelated ones.
inline int hash_distance(std::uint64_t a, std::uint64_t b) {
    return std::popcount(a ^ b);
}

/// A hash as 16 hex digits, as the log shows it.
std::string hash_hex(std::uint64_t h);

}  // namespace plugins::antiad
