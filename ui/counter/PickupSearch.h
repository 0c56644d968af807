// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "catalog/PickupLookup.h"

#include <QObject>

class QLabel;

namespace Keepsake {

class Lab;

// The counter's search box also takes a receipt's pickup code, typed ("ABCD-EFGH",
// "abcdefgh", with spaces) or scanned (a scanner types the QR code's text and
// Enter). Enter on such a text looks the order up in core (PickupLookup, as the
// clerk); the order found is announced, an unknown code is said in the line under
// the search box.
class PickupSearch : public QObject
{
    Q_OBJECT

public:
    PickupSearch(const Lab &lab, Actor clerk, QObject *parent = nullptr);

    // The line under the search box: what the last code found, or that it is unknown.
    QLabel *label() const { return m_label; }
    // Enter on 'text'. True when it was taken as a pickup code: its order found, or
    // (when nothing else matches the text: 'lastChance') not found and said so.
    bool lookUp(const QString &text, bool lastChance);
    void clear();
    // "Hand-in of 3 Dec 2026, 42 photos", "Disc KS-… session 2, 120 photos".
    static QString describe(const PickupOrder &order);

Q_SIGNALS:
    void found(const Keepsake::PickupOrder &order, const QString &description);

private:
    void show(const QString &text, bool problem);

    const Lab &m_lab;
    const Actor m_clerk;
    QLabel *m_label = nullptr;
};

} // namespace Keepsake
