// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QStringList>

namespace Keepsake {

class Catalog;

// A number that grows whenever something a window shows changes in the catalog
// (customers, albums, photos, shares, notices, hand-ins, discs, the audit trail),
// whoever changed it: another program, a kiosk, another device of a chain. A window
// polls it (one integer, cheap) and reads its views again only when it moved.
//
// SQLite: triggers raise a one-row counter in the changing transaction (SQLite has
// one writer at a time, so the row costs no concurrency). PostgreSQL: statement
// triggers draw from a sequence, which takes no lock (a counter row would serialise
// every writer of the chain and could deadlock two of them); a sequence moves before
// the change commits, so a reader that sees it move should look once more a moment
// later (movesBeforeCommit).
class CatalogVersion
{
public:
    explicit CatalogVersion(const Catalog &catalog) : m_catalog(catalog) { }

    Result<qint64> read() const;
    bool movesBeforeCommit() const;

    // The schema migration that adds the counter and its triggers.
    static QStringList migration(bool postgres);

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
