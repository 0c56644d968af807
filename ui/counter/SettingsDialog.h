// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SettingsFields.h"

#include <QDialog>
#include <QMap>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace Keepsake {

class JobRunner;
class Lab;

// The lab's settings kept in the catalog, in words and with controls that fit them
// (SettingFields): the lab, its mail server with a test mail, its printing; and the
// data folder in use.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Tab { Lab, Mail, Printing, Data };

    explicit SettingsDialog(const Lab &lab, QWidget *parent = nullptr);

    void showTab(Tab tab);
    QWidget *field(const QString &key) const;
    QString value(const QString &key) const;
    void setValue(const QString &key, const QString &value);
    // Writes the changed fields; false (with the message shown) when one was refused.
    bool save();
    // Sends a test mail off the window's thread with the mail settings as they stand in
    // the dialog (saved or not); testMailDone() tells how it went, in words, on screen too.
    void sendTestMail(const QString &to);
    bool isSendingTestMail() const;

Q_SIGNALS:
    void testMailDone(bool sent, const QString &text);

private:
    QWidget *fieldsPage(SettingField::Page page, QFormLayout *&form);
    void addFields();
    QWidget *testMailBox();
    QWidget *labPage();

    const Lab &m_lab;
    QTabWidget *m_tabs = nullptr;
    QMap<QString, SettingField> m_fields;
    QMap<QString, QString> m_loaded;
    QLabel *m_message = nullptr;
    QLineEdit *m_testTo = nullptr;
    QPushButton *m_testSend = nullptr;
    QLabel *m_testResult = nullptr;
    JobRunner *m_testMail = nullptr;
};

} // namespace Keepsake
