// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: small vector helpers written so the compiler can vectorise them (eight independent
// float accumulators); grouping calls them millions of times.

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace vigil::media {

inline double squaredL2(std::span<const float> a, std::span<const float> b)
{
    float acc[8] = {};
    std::size_t i = 0;
    for (; i + 8 <= a.size(); i += 8)
        for (std::size_t k = 0; k < 8; ++k) {
            const float d = a[i + k] - b[i + k];
            acc[k] += d * d;
        }
    double sum = 0;
    for (; i < a.size(); ++i)
        sum += double(a[i] - b[i]) * double(a[i] - b[i]);
    for (const float v : acc)
        sum += v;
    return sum;
}

inline double dotProduct(std::span<const float> a, std::span<const float> b)
{
    float acc[8] = {};
    std::size_t i = 0;
    for (; i + 8 <= a.size(); i += 8)
        for (std::size_t k = 0; k < 8; ++k)
            acc[k] += a[i + k] * b[i + k];
    double sum = 0;
    for (; i < a.size(); ++i)
        sum += double(a[i]) * b[i];
    for (const float v : acc)
        sum += v;
    return sum;
}

// Euclidean distance; infinity for vectors that cannot be compared.
inline double l2Distance(std::span<const float> a, std::span<const float> b)
{
    if (a.size() != b.size() || a.empty())
        return std::numeric_limits<double>::infinity();
    return std::sqrt(squaredL2(a, b));
}

// Scales v to unit length (left alone when it is all zeros).
inline void normaliseL2(std::vector<float> &v)
{
    const double norm = std::sqrt(dotProduct(v, v));
    if (norm > 0)
        for (float &x : v)
            x = float(x / norm);
}

} // namespace vigil::media
