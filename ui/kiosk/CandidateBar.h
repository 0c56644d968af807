// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace Keepsake {

// Above the kana keys: the kana being composed (underlined) and the ways to write
// them, each a button; a tap on one puts it in the field. Its height stays the same
// with or without candidates, so the keys do not move.
class CandidateBar : public QWidget
{
    Q_OBJECT

public:
    explicit CandidateBar(QWidget *parent = nullptr);

    void setCandidates(const QString &composing, const QStringList &candidates);
    QStringList candidates() const { return m_candidates; }
    // The button of a candidate ("candidate-0", "candidate-1"... in order), or none.
    QPushButton *button(int index) const;

Q_SIGNALS:
    void chosen(const QString &candidate);

private:
    QLabel *m_composing = nullptr;
    QHBoxLayout *m_row = nullptr;
    QList<QPushButton *> m_buttons;
    QStringList m_candidates;
};

} // namespace Keepsake
