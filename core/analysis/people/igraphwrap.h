// SPDX-License-Identifier: GPL-3.0-or-later
// RAII owners of igraph objects (igraph is C: every init needs its destroy), and the lock that
// serialises igraph calls (Debian's igraph is built without thread safety: one global RNG and
// error handler).
#pragma once

#include <igraph.h>

#include <mutex>

namespace vigil::analysis {

// Held while calling igraph. It also turns igraph's abort-on-error handler into error codes.
class IgraphLock {
public:
    IgraphLock();
    IgraphLock(const IgraphLock &) = delete;
    IgraphLock &operator=(const IgraphLock &) = delete;

private:
    std::lock_guard<std::mutex> m_lock;
};

class IgraphGraph {
public:
    IgraphGraph() = default;
    ~IgraphGraph();
    IgraphGraph(const IgraphGraph &) = delete;
    IgraphGraph &operator=(const IgraphGraph &) = delete;

    igraph_error_t init(igraph_integer_t vertices);   // undirected, no edges
    igraph_t *get() { return &m_graph; }

private:
    igraph_t m_graph{};
    bool m_ready = false;
};

class IgraphIntVector {
public:
    IgraphIntVector() = default;
    ~IgraphIntVector();
    IgraphIntVector(const IgraphIntVector &) = delete;
    IgraphIntVector &operator=(const IgraphIntVector &) = delete;

    igraph_error_t init(igraph_integer_t size);
    igraph_vector_int_t *get() { return &m_vector; }
    igraph_integer_t size() const { return igraph_vector_int_size(&m_vector); }
    igraph_integer_t &operator[](igraph_integer_t i) { return VECTOR(m_vector)[i]; }

private:
    igraph_vector_int_t m_vector{};
    bool m_ready = false;
};

class IgraphRealVector {
public:
    IgraphRealVector() = default;
    ~IgraphRealVector();
    IgraphRealVector(const IgraphRealVector &) = delete;
    IgraphRealVector &operator=(const IgraphRealVector &) = delete;

    igraph_error_t init(igraph_integer_t size);
    igraph_vector_t *get() { return &m_vector; }
    igraph_real_t &operator[](igraph_integer_t i) { return VECTOR(m_vector)[i]; }

private:
    igraph_vector_t m_vector{};
    bool m_ready = false;
};

} // namespace vigil::analysis
