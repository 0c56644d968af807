// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NoticeCards.h"

#include <QFrame>
#include <QList>

class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace Keepsake {

class MessageLabel;

// One notice as a card: what, which album, until when, what to do; a tap shows (and
// hides again) the whole notice as it was sent.
class NoticeCardView : public QFrame
{
    Q_OBJECT

public:
    NoticeCardView(qint64 noticeId, const NoticeCard &card, QWidget *parent = nullptr);

    qint64 noticeId() const { return m_id; }
    bool isOpen() const;
    void toggle();

Q_SIGNALS:
    void opened(qint64 noticeId);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    qint64 m_id;
    QLabel *m_full = nullptr;
};

// The signed-in customer's notices, newest first, one card each, in the kiosk's
// language; read only: one Close. The cards wrap their text: nothing runs off to the
// right, there is no scrolling sideways.
class NoticesPage : public QWidget
{
    Q_OBJECT

public:
    explicit NoticesPage(QWidget *parent = nullptr);

    void showNotices(const QList<Notice> &notices, const QDate &today);
    void showError(const QString &message);
    QList<NoticeCardView *> cards() const { return m_cards; }

Q_SIGNALS:
    void closed();
    void opened(qint64 noticeId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void clearCards();

    QLabel *m_title = nullptr;
    QScrollArea *m_scroll = nullptr;
    QVBoxLayout *m_list = nullptr;
    MessageLabel *m_hint = nullptr;
    QPushButton *m_close = nullptr;
    QList<NoticeCardView *> m_cards;
    QList<Notice> m_notices;   // shown again in another language
    QDate m_today;
    QString m_error;
};

} // namespace Keepsake
