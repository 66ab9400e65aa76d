// SPDX-License-Identifier: GPL-3.0-or-later
// The demo case of the start page: the bundled demo evidence (two small generated E01 images of
// one suspect's laptop and phone, synthetic content only) ingested into a case of its own.
#pragma once

#include <QString>
#include <QStringList>

namespace vigil::ui {

// The demo evidence files, in ingest order: from $VIGIL_DEMO_DIR, else the installed
// <prefix>/share/vigil/demo beside the program, else a build tree's generated-demo. Empty with
// `why` set when none holds both images.
QStringList demoEvidence(QString *why = nullptr);
// The same over the given folders, in order.
QStringList demoEvidenceIn(const QStringList &folders, QString *why = nullptr);

// Where the demo case is made: $VIGIL_DEMO_CASE, else <the user's application data>/demo-case.
QString demoCaseFolder();

} // namespace vigil::ui
