// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/igraphwrap.h"

namespace vigil::analysis {

namespace {

std::mutex &igraphMutex()
{
    static std::mutex m;
    return m;
}

} // namespace

IgraphLock::IgraphLock() : m_lock(igraphMutex())
{
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

IgraphGraph::~IgraphGraph()
{
    if (m_ready)
        igraph_destroy(&m_graph);
}

igraph_error_t IgraphGraph::init(igraph_integer_t vertices)
{
    const igraph_error_t e = igraph_empty(&m_graph, vertices, IGRAPH_UNDIRECTED);
    m_ready = e == IGRAPH_SUCCESS;
    return e;
}

IgraphIntVector::~IgraphIntVector()
{
    if (m_ready)
        igraph_vector_int_destroy(&m_vector);
}

igraph_error_t IgraphIntVector::init(igraph_integer_t size)
{
    const igraph_error_t e = igraph_vector_int_init(&m_vector, size);
    m_ready = e == IGRAPH_SUCCESS;
    return e;
}

IgraphRealVector::~IgraphRealVector()
{
    if (m_ready)
        igraph_vector_destroy(&m_vector);
}

igraph_error_t IgraphRealVector::init(igraph_integer_t size)
{
    const igraph_error_t e = igraph_vector_init(&m_vector, size);
    m_ready = e == IGRAPH_SUCCESS;
    return e;
}

} // namespace vigil::analysis
