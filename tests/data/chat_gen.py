#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Chat, contact, call-log and browser databases for the bundled demo evidence (stdlib only).

Every database is built with the app's own DDL (one copy of each, below, taken from the parser
tests in tests/plugins/parsers/) and filled with one synthetic scenario: the laptop's owner,
Alex Dunn, poses as "Jay, 15" and talks with teenagers in four countries, beside ordinary chats
with family, work and a football club. The wording is that of a cautious test fixture: mild,
non-sexual signals of risk only (age disclosure, secrecy, moving to another app, gifts, a photo
request, a threat in plain words, one self-harm statement). All phone numbers are from ranges
reserved for drama or fiction (UK 07700 900xxx and 01632 960xxx, Ireland 020 91xxxxx, North
America 555-01xx, Australia 0491 570 xxx).

evidence_gen.py calls write(WHICH, PATH, make_jpeg) for every ("chatdb", WHICH) payload of the
demo_ntfs profile. Everything is deterministic: fixed times in February 2024 (UTC), no
randomness, and the WAL's random salts replaced by fixed ones (see fix_wal_salts).

    python3 tests/data/chat_gen.py OUTDIR   writes every database into OUTDIR, for a look
"""
import base64
import hashlib
import os
import shutil
import sqlite3
import struct
import sys
import tempfile

# --------------------------------------------------------------------------
# DDL: the apps' own CREATE statements, as the parser tests use them (one copy of each, here).
# WhatsApp (Android) msgstore.db, current schema (2025): tests/plugins/parsers/whatsappandroid_test.cpp kCurrentDdl.
WHATSAPP_MSGSTORE_DDL = r"""
CREATE TABLE props (_id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, value TEXT);
CREATE TABLE call_log(_id INTEGER PRIMARY KEY AUTOINCREMENT,jid_row_id INTEGER,from_me INTEGER,call_id TEXT,transaction_id INTEGER,timestamp INTEGER,video_call INTEGER,duration INTEGER,call_result INTEGER,is_dnd_mode_on INTEGER,bytes_transferred INTEGER,group_jid_row_id INTEGER NOT NULL DEFAULT 0,is_joinable_group_call INTEGER,call_creator_device_jid_row_id INTEGER NOT NULL DEFAULT 0,call_random_id TEXT,call_link_row_id INTEGER NOT NULL DEFAULT 0,call_type INTEGER,offer_silence_reason INTEGER,scheduled_id TEXT, telecom_uuid TEXT, terminated_by_device_switch INTEGER);
CREATE TABLE message_quoted(message_row_id INTEGER PRIMARY KEY AUTOINCREMENT,chat_row_id INTEGER NOT NULL,parent_message_chat_row_id INTEGER NOT NULL,from_me INTEGER NOT NULL,sender_jid_row_id INTEGER,key_id TEXT NOT NULL,timestamp INTEGER,message_type INTEGER,origin INTEGER,text_data TEXT,payment_transaction_id TEXT,lookup_tables INTEGER, quoted_source INTEGER, quoted_type INTEGER);
CREATE TABLE receipt_user(_id INTEGER PRIMARY KEY AUTOINCREMENT,message_row_id INTEGER NOT NULL,receipt_user_jid_row_id INTEGER NOT NULL,receipt_timestamp INTEGER,read_timestamp INTEGER,played_timestamp INTEGER);
CREATE TABLE message_location(message_row_id INTEGER PRIMARY KEY,chat_row_id INTEGER,latitude REAL,longitude REAL,place_name TEXT,place_address TEXT,url TEXT,live_location_share_duration INTEGER,live_location_sequence_number INTEGER,live_location_final_latitude REAL,live_location_final_longitude REAL,live_location_final_timestamp INTEGER,map_download_status INTEGER);
CREATE TABLE message(_id INTEGER PRIMARY KEY AUTOINCREMENT,chat_row_id INTEGER NOT NULL,from_me INTEGER NOT NULL,key_id TEXT NOT NULL,sender_jid_row_id INTEGER,status INTEGER,broadcast INTEGER,recipient_count INTEGER,participant_hash TEXT,origination_flags INTEGER,origin INTEGER,timestamp INTEGER,received_timestamp INTEGER,receipt_server_timestamp INTEGER,message_type INTEGER,text_data TEXT,starred INTEGER,lookup_tables INTEGER,message_add_on_flags INTEGER,view_mode INTEGER,sort_id INTEGER NOT NULL DEFAULT 0,translated_text TEXT, view_replies_thread_id INTEGER, server_sts INTEGER);
CREATE TABLE message_media(message_row_id INTEGER PRIMARY KEY,chat_row_id INTEGER,autotransfer_retry_enabled INTEGER,transferred INTEGER,face_x INTEGER,face_y INTEGER,has_streaming_sidecar INTEGER,page_count INTEGER,thumbnail_height_width_ratio REAL,first_scan_sidecar BLOB,first_scan_length INTEGER,message_url TEXT,media_upload_handle TEXT,sticker_flags INTEGER,raw_transcription_text TEXT,first_viewed_timestamp INTEGER,is_animated_sticker INTEGER,media_caption TEXT,metadata_url TEXT,motion_photo_presentation_offset_ms INTEGER,multicast_id TEXT,media_job_uuid TEXT,transcoded INTEGER,file_path TEXT,file_size INTEGER,suspicious_content INTEGER,trim_from INTEGER,trim_to INTEGER,media_key BLOB,media_key_timestamp INTEGER,width INTEGER,height INTEGER,gif_attribution INTEGER,direct_path TEXT,mime_type TEXT,file_length INTEGER,media_name TEXT,file_hash TEXT,media_duration INTEGER,enc_file_hash TEXT,partial_media_hash TEXT,partial_media_enc_hash TEXT,original_file_hash TEXT,mute_video INTEGER DEFAULT 0,doodle_id TEXT,media_source_type INTEGER,accessibility_label TEXT,media_transcode_quality INTEGER DEFAULT 0, qr_url TEXT, media_key_domain INTEGER, e2ee_media_key BLOB, premium_message INTEGER, emoji_tags TEXT);
CREATE TABLE message_system_chat_participant(message_row_id INTEGER,user_jid_row_id INTEGER);
CREATE TABLE group_participant_user(_id INTEGER PRIMARY KEY AUTOINCREMENT,group_jid_row_id INTEGER NOT NULL,user_jid_row_id INTEGER NOT NULL,rank INTEGER,pending INTEGER,add_timestamp INTEGER,label TEXT, join_method INTEGER, group_history_send_state INTEGER);
CREATE TABLE jid(_id INTEGER PRIMARY KEY AUTOINCREMENT,user TEXT NOT NULL,server TEXT NOT NULL,agent INTEGER,device INTEGER,type INTEGER,raw_string TEXT);
CREATE TABLE jid_map(lid_row_id INTEGER PRIMARY KEY NOT NULL,jid_row_id INTEGER NOT NULL,sort_id INTEGER);
CREATE TABLE message_system(message_row_id INTEGER PRIMARY KEY,action_type INTEGER NOT NULL);
CREATE TABLE chat(_id INTEGER PRIMARY KEY AUTOINCREMENT,jid_row_id INTEGER UNIQUE,hidden INTEGER,subject TEXT,created_timestamp INTEGER,display_message_row_id INTEGER,last_message_row_id INTEGER,last_read_message_row_id INTEGER,last_read_receipt_sent_message_row_id INTEGER,last_important_message_row_id INTEGER,archived INTEGER,sort_timestamp INTEGER,mod_tag INTEGER,gen REAL,spam_detection INTEGER,unseen_earliest_message_received_time INTEGER,unseen_message_count INTEGER,unseen_missed_calls_count INTEGER,unseen_row_count INTEGER,plaintext_disabled INTEGER,vcard_ui_dismissed INTEGER,change_number_notified_message_row_id INTEGER,show_group_description INTEGER,ephemeral_expiration INTEGER,last_read_ephemeral_message_row_id INTEGER,ephemeral_setting_timestamp INTEGER,ephemeral_displayed_exemptions INTEGER,ephemeral_disappearing_messages_initiator INTEGER,unseen_important_message_count INTEGER NOT NULL DEFAULT 0,group_type INTEGER NOT NULL DEFAULT 0,last_message_reaction_row_id INTEGER,last_seen_message_reaction_row_id INTEGER,unseen_message_reaction_count INTEGER,unseen_comment_message_count INTEGER,growth_lock_level INTEGER,growth_lock_expiration_ts INTEGER,last_read_message_sort_id INTEGER,display_message_sort_id INTEGER,last_message_sort_id INTEGER,last_read_receipt_sent_message_sort_id INTEGER,has_new_community_admin_dialog_been_acknowledged INTEGER NOT NULL DEFAULT 0,history_sync_progress INTEGER,chat_lock INTEGER,chat_origin TEXT,participation_status INTEGER,account_jid_row_id INTEGER,chat_encryption_state INTEGER,group_member_count INTEGER,limited_sharing INTEGER,limited_sharing_setting_timestamp INTEGER,is_contact INTEGER, ephemeral_after_read_duration INTEGER, business_chat_state INTEGER);
CREATE TABLE message_revoked(message_row_id INTEGER PRIMARY KEY,revoked_key_id TEXT NOT NULL,admin_jid_row_id INTEGER,revoke_timestamp INTEGER);
CREATE TABLE message_vcard(_id INTEGER PRIMARY KEY AUTOINCREMENT,message_row_id INTEGER,vcard TEXT);
"""

# WhatsApp (Android) wa.db, January 2026: whatsappandroid_test.cpp kWaDbDdl.
WHATSAPP_WA_DDL = r"""
CREATE TABLE wa_contacts(_id INTEGER PRIMARY KEY AUTOINCREMENT,jid TEXT NOT NULL,is_whatsapp_user BOOLEAN NOT NULL,status TEXT,status_timestamp INTEGER,number TEXT,raw_contact_id INTEGER,display_name TEXT,phone_type INTEGER,phone_label TEXT,photo_ts INTEGER,thumb_ts INTEGER,photo_id_timestamp INTEGER,given_name TEXT,family_name TEXT,wa_name TEXT,sort_name TEXT,nickname TEXT,company TEXT,title TEXT,status_autodownload_disabled INTEGER,keep_timestamp INTEGER,is_spam_reported INTEGER,is_sidelist_synced BOOLEAN DEFAULT 0,is_business_synced BOOLEAN DEFAULT 0,disappearing_mode_duration INTEGER,disappearing_mode_timestamp LONG,history_sync_initial_phash TEXT,is_starred BOOLEAN,is_wa_created_contact BOOLEAN,sync_policy INTEGER,status_emoji TEXT,is_contact_synced INTEGER,is_reachable INTEGER, external_user_state INTEGER, disappearing_mode_support_disabled INTEGER);
CREATE TABLE wa_vnames(_id INTEGER PRIMARY KEY AUTOINCREMENT,jid TEXT NOT NULL,serial INTEGER NOT NULL,issuer TEXT NOT NULL,expires INTEGER,verified_name TEXT NOT NULL,industry TEXT,city TEXT,country TEXT,verified_level INTEGER,identity_unconfirmed_since INTEGER,cert_blob BLOB,host_storage INTEGER DEFAULT 0,actual_actors INTEGER DEFAULT 0,privacy_mode_ts INTEGER DEFAULT 0);
"""

# Android 10+ telephony provider mmssms.db: androidsms_test.cpp kModernDdl.
ANDROID_MMSSMS_DDL = r"""
CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, person INTEGER, date INTEGER,
  date_sent INTEGER DEFAULT 0, protocol INTEGER, read INTEGER DEFAULT 0, status INTEGER DEFAULT -1, type INTEGER,
  reply_path_present INTEGER, subject TEXT, body TEXT, service_center TEXT, locked INTEGER DEFAULT 0,
  sub_id INTEGER DEFAULT -1, error_code INTEGER DEFAULT -1, creator TEXT, seen INTEGER DEFAULT 0,
  priority INTEGER DEFAULT -1);
CREATE TABLE threads (_id INTEGER PRIMARY KEY AUTOINCREMENT, date INTEGER DEFAULT 0, message_count INTEGER DEFAULT 0,
  recipient_ids TEXT, snippet TEXT, snippet_cs INTEGER DEFAULT 0, read INTEGER DEFAULT 1, archived INTEGER DEFAULT 0,
  type INTEGER DEFAULT 0, error INTEGER DEFAULT 0, has_attachment INTEGER DEFAULT 0);
CREATE TABLE canonical_addresses (_id INTEGER PRIMARY KEY AUTOINCREMENT, address TEXT);
CREATE TABLE pdu (_id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id INTEGER, date INTEGER, date_sent INTEGER DEFAULT 0,
  msg_box INTEGER, read INTEGER DEFAULT 0, m_id TEXT, sub TEXT, sub_cs INTEGER, ct_t TEXT, ct_l TEXT, exp INTEGER,
  m_cls TEXT, m_type INTEGER, v INTEGER, m_size INTEGER, pri INTEGER, rr INTEGER, rpt_a INTEGER, resp_st INTEGER,
  st INTEGER, tr_id TEXT, retr_st INTEGER, retr_txt TEXT, retr_txt_cs INTEGER, read_status INTEGER, ct_cls INTEGER,
  resp_txt TEXT, d_tm INTEGER, d_rpt INTEGER, locked INTEGER DEFAULT 0, sub_id INTEGER DEFAULT -1,
  seen INTEGER DEFAULT 0, creator TEXT, text_only INTEGER DEFAULT 0);
CREATE TABLE addr (_id INTEGER PRIMARY KEY, msg_id INTEGER, contact_id INTEGER, address TEXT, type INTEGER,
  charset INTEGER);
CREATE TABLE part (_id INTEGER PRIMARY KEY AUTOINCREMENT, mid INTEGER, seq INTEGER DEFAULT 0, ct TEXT, name TEXT,
  chset INTEGER, cd TEXT, fn TEXT, cid TEXT, cl TEXT, ctt_s INTEGER, ctt_t TEXT, _data TEXT, text TEXT);
"""

# Android 10+ calllog.db (CallLogDatabaseHelper version 8): androidcontacts_test.cpp kCallLogDdl.
ANDROID_CALLLOG_DDL = r"""
CREATE TABLE properties (property_key TEXT PRIMARY KEY, property_value TEXT );
CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT,number TEXT,presentation INTEGER NOT NULL DEFAULT 1,post_dial_digits TEXT NOT NULL DEFAULT '',via_number TEXT NOT NULL DEFAULT '',date INTEGER,duration INTEGER,data_usage INTEGER,type INTEGER,features INTEGER NOT NULL DEFAULT 0,subscription_component_name TEXT,subscription_id TEXT,phone_account_address TEXT,phone_account_hidden INTEGER NOT NULL DEFAULT 0,sub_id INTEGER DEFAULT -1,new INTEGER,name TEXT,numbertype INTEGER,numberlabel TEXT,countryiso TEXT,voicemail_uri TEXT,is_read INTEGER,geocoded_location TEXT,lookup_uri TEXT,matched_number TEXT,normalized_number TEXT,photo_id INTEGER NOT NULL DEFAULT 0,photo_uri TEXT,formatted_number TEXT,add_for_all_users INTEGER NOT NULL DEFAULT 1,last_modified INTEGER DEFAULT 0,call_screening_component_name TEXT,call_screening_app_name TEXT,block_reason INTEGER NOT NULL DEFAULT 0,_data TEXT,has_content INTEGER,mime_type TEXT,source_data TEXT,source_package TEXT,transcription TEXT,transcription_state INTEGER NOT NULL DEFAULT 0,state INTEGER,dirty INTEGER NOT NULL DEFAULT 0,deleted INTEGER NOT NULL DEFAULT 0,backed_up INTEGER NOT NULL DEFAULT 0,restored INTEGER NOT NULL DEFAULT 0,archived INTEGER NOT NULL DEFAULT 0,is_omtp_voicemail INTEGER NOT NULL DEFAULT 0);
CREATE TABLE voicemail_status (_id INTEGER PRIMARY KEY AUTOINCREMENT,source_package TEXT NOT NULL,phone_account_component_name TEXT,phone_account_id TEXT,settings_uri TEXT,voicemail_access_uri TEXT,configuration_state INTEGER,data_channel_state INTEGER,notification_channel_state INTEGER,quota_occupied INTEGER DEFAULT -1,quota_total INTEGER DEFAULT -1,source_type TEXT);
"""

# iOS 17-18 Messages sms.db (dates in nanoseconds since 2001): iosmessages_test.cpp kModernDdl.
IOS_SMS_DDL = r"""
CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key));
CREATE TABLE deleted_messages (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, guid TEXT NOT NULL);
CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id));
CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT, UNIQUE (id, service) );
CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE, UNIQUE(message_id, attachment_id));
CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, message_date INTEGER DEFAULT 0, PRIMARY KEY (chat_id, message_id));
CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT, replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT, attributedBody BLOB, version INTEGER DEFAULT 0, type INTEGER DEFAULT 0, service TEXT, account TEXT, account_guid TEXT, error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER, is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0, is_from_me INTEGER DEFAULT 0, is_empty INTEGER DEFAULT 0, is_delayed INTEGER DEFAULT 0, is_auto_reply INTEGER DEFAULT 0, is_prepared INTEGER DEFAULT 0, is_read INTEGER DEFAULT 0, is_system_message INTEGER DEFAULT 0, is_sent INTEGER DEFAULT 0, has_dd_results INTEGER DEFAULT 0, is_service_message INTEGER DEFAULT 0, is_forward INTEGER DEFAULT 0, was_downgraded INTEGER DEFAULT 0, is_archive INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, cache_roomnames TEXT, was_data_detected INTEGER DEFAULT 0, was_deduplicated INTEGER DEFAULT 0, is_audio_message INTEGER DEFAULT 0, is_played INTEGER DEFAULT 0, date_played INTEGER, item_type INTEGER DEFAULT 0, other_handle INTEGER DEFAULT 0, group_title TEXT, group_action_type INTEGER DEFAULT 0, share_status INTEGER DEFAULT 0, share_direction INTEGER DEFAULT 0, is_expirable INTEGER DEFAULT 0, expire_state INTEGER DEFAULT 0, message_action_type INTEGER DEFAULT 0, message_source INTEGER DEFAULT 0, associated_message_guid TEXT, associated_message_type INTEGER DEFAULT 0, balloon_bundle_id TEXT, payload_data BLOB, expressive_send_style_id TEXT, associated_message_range_location INTEGER DEFAULT 0, associated_message_range_length INTEGER DEFAULT 0, time_expressive_send_played INTEGER, message_summary_info BLOB, ck_sync_state INTEGER DEFAULT 0, ck_record_id TEXT, ck_record_change_tag TEXT, destination_caller_id TEXT, is_corrupt INTEGER DEFAULT 0, reply_to_guid TEXT, sort_id INTEGER, is_spam INTEGER DEFAULT 0, has_unseen_mention INTEGER DEFAULT 0, thread_originator_guid TEXT, thread_originator_part TEXT, syndication_ranges TEXT, synced_syndication_ranges TEXT, was_delivered_quietly INTEGER DEFAULT 0, did_notify_recipient INTEGER DEFAULT 0, date_retracted INTEGER DEFAULT 0, date_edited INTEGER DEFAULT 0, was_detonated INTEGER DEFAULT 0, part_count INTEGER, is_stewie INTEGER DEFAULT 0, is_sos INTEGER DEFAULT 0, is_critical INTEGER DEFAULT 0, bia_reference_id TEXT DEFAULT NULL, is_kt_verified INTEGER DEFAULT 0, fallback_hash TEXT DEFAULT NULL, associated_message_emoji TEXT DEFAULT NULL, is_pending_satellite_send INTEGER DEFAULT 0, needs_relay INTEGER DEFAULT 0, schedule_type INTEGER DEFAULT 0, schedule_state INTEGER DEFAULT 0, sent_or_received_off_grid INTEGER DEFAULT 0, date_recovered INTEGER DEFAULT 0);
CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER, state INTEGER, account_id TEXT, properties BLOB, chat_identifier TEXT, service_name TEXT, room_name TEXT, account_login TEXT, is_archived INTEGER DEFAULT 0, last_addressed_handle TEXT, display_name TEXT, group_id TEXT, is_filtered INTEGER DEFAULT 0, successful_query INTEGER, engram_id TEXT, server_change_token TEXT, ck_sync_state INTEGER DEFAULT 0, original_group_id TEXT, last_read_message_timestamp INTEGER DEFAULT 0, cloudkit_record_id TEXT, last_addressed_sim_id TEXT, is_blackholed INTEGER DEFAULT 0, syndication_date INTEGER DEFAULT 0, syndication_type INTEGER DEFAULT 0, is_recovered INTEGER DEFAULT 0, is_deleting_incoming_messages INTEGER DEFAULT 0);
CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, created_date INTEGER DEFAULT 0, start_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, mime_type TEXT, transfer_state INTEGER DEFAULT 0, is_outgoing INTEGER DEFAULT 0, user_info BLOB, transfer_name TEXT, total_bytes INTEGER DEFAULT 0, is_sticker INTEGER DEFAULT 0, sticker_user_info BLOB, attribution_info BLOB, hide_attachment INTEGER DEFAULT 0, ck_sync_state INTEGER DEFAULT 0, ck_server_change_token_blob BLOB, ck_record_id TEXT, original_guid TEXT UNIQUE NOT NULL, is_commsafety_sensitive INTEGER DEFAULT 0, emoji_image_content_identifier TEXT DEFAULT NULL, emoji_image_short_description TEXT DEFAULT NULL, preview_generation_state INTEGER DEFAULT 0);
CREATE TABLE chat_recoverable_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, delete_date INTEGER, ck_sync_state INTEGER DEFAULT 0, PRIMARY KEY (chat_id, message_id), CHECK (delete_date != 0));
"""

# Skype 6.x desktop main.db (AppSchemaVersion 66): skype_test.cpp kModernDdl.
SKYPE_MAIN_DDL = r"""
CREATE TABLE Accounts (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, status INTEGER, pwdchangestatus
  INTEGER, logoutreason INTEGER, commitstatus INTEGER, suggested_skypename TEXT, skypeout_balance_currency TEXT,
  skypeout_balance INTEGER, skypeout_precision INTEGER, skypein_numbers TEXT, subscriptions TEXT, cblsyncstatus
  INTEGER, offline_callforward TEXT, chat_policy INTEGER, skype_call_policy INTEGER, pstn_call_policy INTEGER,
  avatar_policy INTEGER, buddycount_policy INTEGER, timezone_policy INTEGER, webpresence_policy INTEGER,
  phonenumbers_policy INTEGER, voicemail_policy INTEGER, authrequest_policy INTEGER, ad_policy INTEGER,
  partner_optedout TEXT, service_provider_info TEXT, registration_timestamp INTEGER, nr_of_other_instances INTEGER,
  partner_channel_status TEXT, flamingo_xmpp_status INTEGER, federated_presence_policy INTEGER, liveid_membername
  TEXT, roaming_history_enabled INTEGER, cobrand_id INTEGER, owner_under_legal_age INTEGER, type INTEGER, skypename
  TEXT, pstnnumber TEXT, fullname TEXT, birthday INTEGER, gender INTEGER, languages TEXT, country TEXT, province
  TEXT, city TEXT, phone_home TEXT, phone_office TEXT, phone_mobile TEXT, emails TEXT, homepage TEXT, about TEXT,
  profile_timestamp INTEGER, received_authrequest TEXT, displayname TEXT, refreshing INTEGER, given_authlevel
  INTEGER, aliases TEXT, authreq_timestamp INTEGER, mood_text TEXT, timezone INTEGER, nrof_authed_buddies INTEGER,
  ipcountry TEXT, given_displayname TEXT, availability INTEGER, lastonline_timestamp INTEGER, capabilities BLOB,
  avatar_image BLOB, assigned_speeddial TEXT, lastused_timestamp INTEGER, authrequest_count INTEGER,
  assigned_comment TEXT, alertstring TEXT, avatar_timestamp INTEGER, mood_timestamp INTEGER, rich_mood_text TEXT,
  synced_email BLOB, set_availability INTEGER, options_change_future BLOB, cbl_profile_blob BLOB, authorized_time
  INTEGER, sent_authrequest TEXT, sent_authrequest_time INTEGER, sent_authrequest_serial INTEGER, buddyblob BLOB,
  cbl_future BLOB, node_capabilities INTEGER, node_capabilities_and INTEGER, revoked_auth INTEGER,
  added_in_shared_group INTEGER, in_shared_group INTEGER, authreq_history BLOB, profile_attachments BLOB,
  stack_version INTEGER, offline_authreq_id INTEGER, verified_email BLOB, verified_company BLOB, uses_jcs INTEGER);
CREATE TABLE Contacts (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, type INTEGER, skypename TEXT,
  pstnnumber TEXT, aliases TEXT, fullname TEXT, birthday INTEGER, gender INTEGER, languages TEXT, country TEXT,
  province TEXT, city TEXT, phone_home TEXT, phone_office TEXT, phone_mobile TEXT, emails TEXT, hashed_emails TEXT,
  homepage TEXT, about TEXT, avatar_image BLOB, mood_text TEXT, rich_mood_text TEXT, timezone INTEGER, capabilities
  BLOB, profile_timestamp INTEGER, nrof_authed_buddies INTEGER, ipcountry TEXT, avatar_timestamp INTEGER,
  mood_timestamp INTEGER, received_authrequest TEXT, authreq_timestamp INTEGER, lastonline_timestamp INTEGER,
  availability INTEGER, displayname TEXT, refreshing INTEGER, given_authlevel INTEGER, given_displayname TEXT,
  assigned_speeddial TEXT, assigned_comment TEXT, alertstring TEXT, lastused_timestamp INTEGER, authrequest_count
  INTEGER, assigned_phone1 TEXT, assigned_phone1_label TEXT, assigned_phone2 TEXT, assigned_phone2_label TEXT,
  assigned_phone3 TEXT, assigned_phone3_label TEXT, buddystatus INTEGER, isauthorized INTEGER, popularity_ord
  INTEGER, external_id TEXT, external_system_id TEXT, isblocked INTEGER, authorization_certificate BLOB,
  certificate_send_count INTEGER, account_modification_serial_nr INTEGER, saved_directory_blob BLOB, nr_of_buddies
  INTEGER, server_synced INTEGER, contactlist_track INTEGER, last_used_networktime INTEGER, authorized_time INTEGER,
  sent_authrequest TEXT, sent_authrequest_time INTEGER, sent_authrequest_serial INTEGER, buddyblob BLOB, cbl_future
  BLOB, node_capabilities INTEGER, revoked_auth INTEGER, added_in_shared_group INTEGER, in_shared_group INTEGER,
  authreq_history BLOB, profile_attachments BLOB, stack_version INTEGER, offline_authreq_id INTEGER,
  node_capabilities_and INTEGER, authreq_crc INTEGER, authreq_src INTEGER, pop_score INTEGER, authreq_nodeinfo BLOB,
  main_phone TEXT, unified_servants TEXT, phone_home_normalized TEXT, phone_office_normalized TEXT,
  phone_mobile_normalized TEXT, sent_authrequest_initmethod INTEGER, authreq_initmethod INTEGER, verified_email
  BLOB, verified_company BLOB, sent_authrequest_extrasbitmask INTEGER, liveid_cid TEXT, extprop_seen_birthday
  INTEGER, extprop_sms_target INTEGER, extprop_external_data TEXT, extprop_must_hide_avatar INTEGER);
CREATE TABLE Conversations (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, identity TEXT, type INTEGER,
  live_host TEXT, live_start_timestamp INTEGER, live_is_muted INTEGER, alert_string TEXT, is_bookmarked INTEGER,
  given_displayname TEXT, displayname TEXT, local_livestatus INTEGER, inbox_timestamp INTEGER, inbox_message_id
  INTEGER, unconsumed_suppressed_messages INTEGER, unconsumed_normal_messages INTEGER, unconsumed_elevated_messages
  INTEGER, unconsumed_messages_voice INTEGER, active_vm_id INTEGER, context_horizon INTEGER, consumption_horizon
  INTEGER, last_activity_timestamp INTEGER, active_invoice_message INTEGER, spawned_from_convo_id INTEGER,
  pinned_order INTEGER, creator TEXT, creation_timestamp INTEGER, my_status INTEGER, opt_joining_enabled INTEGER,
  opt_access_token TEXT, opt_entry_level_rank INTEGER, opt_disclose_history INTEGER, opt_history_limit_in_days
  INTEGER, opt_admin_only_activities INTEGER, passwordhint TEXT, meta_name TEXT, meta_topic TEXT, meta_guidelines
  TEXT, meta_picture BLOB, picture TEXT, is_p2p_migrated INTEGER, premium_video_status INTEGER,
  premium_video_is_grace_period INTEGER, guid TEXT, dialog_partner TEXT, meta_description TEXT,
  premium_video_sponsor_list TEXT, mcr_caller TEXT, chat_dbid INTEGER, history_horizon INTEGER, history_sync_state
  TEXT, thread_version TEXT, consumption_horizon_set_at INTEGER, alt_identity TEXT, extprop_profile_height INTEGER,
  extprop_chat_width INTEGER, extprop_chat_left_margin INTEGER, extprop_chat_right_margin INTEGER,
  extprop_entry_height INTEGER, extprop_windowpos_x INTEGER, extprop_windowpos_y INTEGER, extprop_windowpos_w
  INTEGER, extprop_windowpos_h INTEGER, extprop_window_maximized INTEGER, extprop_window_detached INTEGER,
  extprop_pinned_order INTEGER, extprop_new_in_inbox INTEGER, extprop_tab_order INTEGER, extprop_video_layout
  INTEGER, extprop_video_chat_height INTEGER, extprop_chat_avatar INTEGER, extprop_consumption_timestamp INTEGER,
  extprop_form_visible INTEGER, extprop_recovery_mode INTEGER);
CREATE TABLE Participants (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, convo_id INTEGER, identity TEXT,
  rank INTEGER, requested_rank INTEGER, text_status INTEGER, voice_status INTEGER, video_status INTEGER,
  live_identity TEXT, live_price_for_me TEXT, live_fwd_identities TEXT, live_start_timestamp INTEGER, sound_level
  INTEGER, debuginfo TEXT, next_redial_time INTEGER, nrof_redials_left INTEGER, last_voice_error TEXT,
  quality_problems TEXT, live_type INTEGER, live_country TEXT, transferred_by TEXT, transferred_to TEXT, adder TEXT,
  last_leavereason INTEGER, is_premium_video_sponsor INTEGER, is_multiparty_video_capable INTEGER,
  live_identity_to_use TEXT, livesession_recovery_in_progress INTEGER, is_multiparty_video_updatable INTEGER,
  real_identity TEXT, extprop_default_identity INTEGER);
CREATE TABLE Chats (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, name TEXT, options INTEGER, friendlyname
  TEXT, description TEXT, timestamp INTEGER, activity_timestamp INTEGER, dialog_partner TEXT, adder TEXT, type
  INTEGER, mystatus INTEGER, myrole INTEGER, posters TEXT, participants TEXT, applicants TEXT, banned_users TEXT,
  name_text TEXT, topic TEXT, topic_xml TEXT, guidelines TEXT, picture BLOB, alertstring TEXT, is_bookmarked
  INTEGER, passwordhint TEXT, unconsumed_suppressed_msg INTEGER, unconsumed_normal_msg INTEGER,
  unconsumed_elevated_msg INTEGER, unconsumed_msg_voice INTEGER, activemembers TEXT, state_data BLOB, lifesigns
  INTEGER, last_change INTEGER, first_unread_message INTEGER, pk_type INTEGER, dbpath TEXT, split_friendlyname TEXT,
  conv_dbid INTEGER);
CREATE TABLE ChatMembers (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, chatname TEXT, identity TEXT, role
  INTEGER, is_active INTEGER, cur_activities INTEGER, adder TEXT);
CREATE TABLE Messages (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, convo_id INTEGER, chatname TEXT,
  author TEXT, from_dispname TEXT, author_was_live INTEGER, guid BLOB, dialog_partner TEXT, timestamp INTEGER, type
  INTEGER, sending_status INTEGER, consumption_status INTEGER, edited_by TEXT, edited_timestamp INTEGER, param_key
  INTEGER, param_value INTEGER, body_xml TEXT, identities TEXT, reason TEXT, leavereason INTEGER, participant_count
  INTEGER, error_code INTEGER, chatmsg_type INTEGER, chatmsg_status INTEGER, body_is_rawxml INTEGER, oldoptions
  INTEGER, newoptions INTEGER, newrole INTEGER, pk_id INTEGER, crc INTEGER, remote_id INTEGER, call_guid TEXT,
  extprop_contact_review_date TEXT, extprop_contact_received_stamp INTEGER, extprop_contact_reviewed INTEGER);
CREATE TABLE Calls (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, begin_timestamp INTEGER, topic TEXT,
  is_muted INTEGER, is_unseen_missed INTEGER, host_identity TEXT, mike_status INTEGER, duration INTEGER, soundlevel
  INTEGER, access_token TEXT, active_members INTEGER, is_active INTEGER, name TEXT, video_disabled INTEGER,
  joined_existing INTEGER, server_identity TEXT, vaa_input_status INTEGER, is_incoming INTEGER, is_conference
  INTEGER, is_on_hold INTEGER, start_timestamp INTEGER, quality_problems TEXT, current_video_audience TEXT,
  premium_video_status INTEGER, premium_video_is_grace_period INTEGER, is_premium_video_sponsor INTEGER,
  premium_video_sponsor_list TEXT, old_members BLOB, partner_handle TEXT, partner_dispname TEXT, type INTEGER,
  status INTEGER, failurereason INTEGER, failurecode INTEGER, pstn_number TEXT, old_duration INTEGER,
  conf_participants BLOB, pstn_status TEXT, members BLOB, conv_dbid INTEGER);
CREATE TABLE CallMembers (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, identity TEXT, dispname TEXT,
  languages TEXT, call_duration INTEGER, price_per_minute INTEGER, price_precision INTEGER, price_currency TEXT,
  payment_category TEXT, type INTEGER, status INTEGER, failurereason INTEGER, sounderror_code INTEGER, soundlevel
  INTEGER, pstn_statustext TEXT, pstn_feedback TEXT, forward_targets TEXT, forwarded_by TEXT, debuginfo TEXT,
  videostatus INTEGER, target_identity TEXT, mike_status INTEGER, is_read_only INTEGER, quality_status INTEGER,
  call_name TEXT, transfer_status INTEGER, transfer_active INTEGER, transferred_by TEXT, transferred_to TEXT, guid
  TEXT, next_redial_time INTEGER, nrof_redials_done INTEGER, nrof_redials_left INTEGER, transfer_topic TEXT,
  real_identity TEXT, start_timestamp INTEGER, is_conference INTEGER, quality_problems TEXT, identity_type INTEGER,
  country TEXT, creation_timestamp INTEGER, stats_xml TEXT, is_premium_video_sponsor INTEGER,
  is_multiparty_video_capable INTEGER, recovery_in_progress INTEGER, nonse_word TEXT,
  nr_of_delivered_push_notifications INTEGER, call_session_guid TEXT, version_string TEXT, pk_status INTEGER,
  call_db_id INTEGER, prime_status INTEGER);
CREATE TABLE Transfers (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, type INTEGER, partner_handle TEXT,
  partner_dispname TEXT, status INTEGER, failurereason INTEGER, starttime INTEGER, finishtime INTEGER, filepath
  TEXT, filename TEXT, filesize TEXT, bytestransferred TEXT, bytespersecond INTEGER, chatmsg_guid BLOB,
  chatmsg_index INTEGER, convo_id INTEGER, pk_id INTEGER, nodeid BLOB, last_activity INTEGER, flags INTEGER,
  old_status INTEGER, old_filepath INTEGER, accepttime INTEGER, parent_id INTEGER, offer_send_list TEXT,
  extprop_localfilename TEXT, extprop_hide_from_history INTEGER, extprop_window_visible INTEGER,
  extprop_handled_by_chat INTEGER);
CREATE TABLE SMSes (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, type INTEGER, outgoing_reply_type
  INTEGER, status INTEGER, failurereason INTEGER, is_failed_unseen INTEGER, timestamp INTEGER, price INTEGER,
  price_precision INTEGER, price_currency TEXT, reply_to_number TEXT, target_numbers TEXT, target_statuses BLOB,
  body TEXT, chatmsg_id INTEGER, identity TEXT, notification_id INTEGER, event_flags INTEGER, reply_id_number TEXT,
  convo_name TEXT, extprop_hide_from_history INTEGER, extprop_extended INTEGER);
"""

# Chrome 120+ History (meta version 66): chrome_test.cpp kModernDdl.
CHROME_HISTORY_DDL = r"""
CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE visits(id INTEGER PRIMARY KEY AUTOINCREMENT,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,from_visit INTEGER,external_referrer_url TEXT,transition INTEGER DEFAULT 0 NOT NULL,segment_id INTEGER,visit_duration INTEGER DEFAULT 0 NOT NULL,incremented_omnibox_typed_score BOOLEAN DEFAULT FALSE NOT NULL,opener_visit INTEGER,originator_cache_guid TEXT,originator_visit_id INTEGER,originator_from_visit INTEGER,originator_opener_visit INTEGER,is_known_to_sync BOOLEAN DEFAULT FALSE NOT NULL,consider_for_ntp_most_visited BOOLEAN DEFAULT FALSE NOT NULL,visited_link_id INTEGER DEFAULT 0 NOT NULL,app_id TEXT);
CREATE TABLE visit_source(id INTEGER PRIMARY KEY,source INTEGER NOT NULL);
CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL,url_id INTEGER NOT NULL,term LONGVARCHAR NOT NULL,normalized_term LONGVARCHAR NOT NULL);
CREATE TABLE segments (id INTEGER PRIMARY KEY,name VARCHAR,url_id INTEGER NON NULL);
CREATE TABLE segment_usage (id INTEGER PRIMARY KEY,segment_id INTEGER NOT NULL,time_slot INTEGER NOT NULL,visit_count INTEGER DEFAULT 0 NOT NULL);
"""

# --------------------------------------------------------------------------
# time
FEB_1 = 1706745600  # 2024-02-01T00:00:00Z; every record is in February 2024, before 2024-03-01T12:00:00Z
COCOA_EPOCH = 978307200  # 2001-01-01T00:00:00Z (Apple)
WEBKIT_OFFSET = 11644473600  # seconds from 1601-01-01 (Chrome) to 1970-01-01


def at(day: int, hhmm: str, sec: int = 0) -> int:
    """2024-02-DAY HH:MM:SS UTC as Unix seconds."""
    h, m = hhmm.split(":")
    assert 1 <= day <= 29
    return FEB_1 + (day - 1) * 86400 + int(h) * 3600 + int(m) * 60 + sec


# --------------------------------------------------------------------------
# the people (the same numbers in every app, so identity resolution can join them)
OWNER_NAME = "Alex Dunn"
OWNER_PERSONA = "Jay"                          # the name he gives the children ("Jay, 15")
OWNER_PHONE = "+447700900100"
OWNER_EMAIL = "alex.dunn.1987@example.com"
OWNER_SKYPE = "alex.dunn.1987"

MIA = "+447700900452"      # UK, 13, "year 8": WhatsApp, SMS, call log
LIAM = "+353209102468"     # Ireland, 14: WhatsApp, call log, browser (top-up search)
AVA = "+14165550142"       # Canada, 13, "grade 8": iOS Messages, wa.db contact
CHLOE = "+61491570156"     # Australia, 14, "year 9": Skype, WhatsApp, call log
KATE = "+447700900231"     # the owner's sister: WhatsApp, SMS, call log
MUM = "+447700900232"      # the owner's mother: WhatsApp group, iOS Messages
PRIYA = "+447700900318"    # a colleague: Skype, SMS, call log
TOM = "+447700900377"      # football club: WhatsApp group
DAN = "+447700900389"      # football club: WhatsApp group
DENTIST = "+441632960123"  # appointment reminders: SMS, call log
PARCELS = "+447700900511"  # a delivery notice: SMS

CHLOE_SKYPE = "chloe.sk8.2010"
PRIYA_SKYPE = "priya.shah.work"

# The picture a WhatsApp message refers to (message_media.file_path).
WA_IMAGE_PATH = "Media/WhatsApp Images/IMG-20240226-WA0001.jpg"
WA_IMAGE_SIZE = (160, 120)
WA_IMAGE_SEED = 26


def _digits(e164: str) -> str:
    return e164.lstrip("+")


# --------------------------------------------------------------------------
# SQLite helpers
def _remove(*paths):
    for p in paths:
        if os.path.exists(p):
            os.unlink(p)


def _create(path: str, ddl: str, fill) -> None:
    """A database in rollback-journal mode (no -journal left behind)."""
    _remove(path, path + "-journal", path + "-wal", path + "-shm")
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("BEGIN")
    for stmt in _statements(ddl):
        con.execute(stmt)
    fill(con)
    con.execute("COMMIT")
    con.close()


def _statements(ddl: str):
    out = [s.strip() for s in ddl.split(";\n")]
    return [s.rstrip(";") for s in out if s]


def _wal_checksum(data: bytes, big_endian: bool, s0: int, s1: int):
    words = struct.unpack((">" if big_endian else "<") + "%dI" % (len(data) // 4), data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def fix_wal_salts(wal: bytes, salt1: int = 0x56494731, salt2: int = 0x44454D4F) -> bytes:
    """SQLite puts random salts into a WAL's header and every frame header; replace them with
    fixed ones and recompute the checksum chain, so the same inputs give the same bytes."""
    magic, _version, page_size = struct.unpack(">III", wal[:12])
    assert magic in (0x377F0682, 0x377F0683), "not a WAL file"
    big = magic & 1 == 1
    hdr = bytearray(wal[:32])
    struct.pack_into(">II", hdr, 16, salt1, salt2)
    s0, s1 = _wal_checksum(bytes(hdr[:24]), big, 0, 0)
    struct.pack_into(">II", hdr, 24, s0, s1)
    out = bytearray(hdr)
    frame = 24 + page_size
    assert (len(wal) - 32) % frame == 0, "torn WAL"
    for off in range(32, len(wal), frame):
        fh = bytearray(wal[off:off + 24])
        page = wal[off + 24:off + frame]
        struct.pack_into(">II", fh, 8, salt1, salt2)
        s0, s1 = _wal_checksum(bytes(fh[:8]), big, s0, s1)
        s0, s1 = _wal_checksum(page, big, s0, s1)
        struct.pack_into(">II", fh, 16, s0, s1)
        out += fh + page
    return bytes(out)


def _create_with_wal(path: str, ddl: str, fill, fill_wal) -> None:
    """Build in WAL mode, checkpoint, write fill_wal's rows, then copy the database and its
    -wal while the connection is still open (closing would checkpoint them into the file),
    as tests/plugins/parsers/parsertest.cpp createDatabaseWithWal does."""
    work = path + ".build"
    _remove(path, path + "-wal", path + "-shm", work, work + "-wal", work + "-shm")
    con = sqlite3.connect(work, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("BEGIN")
    for stmt in _statements(ddl):
        con.execute(stmt)
    fill(con)
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("BEGIN")
    fill_wal(con)
    con.execute("COMMIT")
    shutil.copyfile(work, path)
    with open(work + "-wal", "rb") as f:
        wal = f.read()
    with open(path + "-wal", "wb") as f:
        f.write(fix_wal_salts(wal))
    con.close()
    _remove(work, work + "-wal", work + "-shm")


def _rows(con, table: str, columns: str, rows) -> None:
    cols = [c.strip() for c in columns.split(",")]
    con.executemany("INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join(cols), ", ".join("?" * len(cols))),
                    list(rows))


def _key_id(app: str, n: int, length: int = 20) -> str:
    return hashlib.sha256(("%s:%d" % (app, n)).encode()).hexdigest()[:length].upper()


# --------------------------------------------------------------------------
# WhatsApp (Android): msgstore.db (+ -wal) and wa.db
WA_GROUP_FAMILY = "120363041234567801"
WA_GROUP_FOOTBALL = "120363041234567802"

# jid rows: (_id, user, server, type)
WA_JIDS = [
    (1, _digits(MIA), "s.whatsapp.net", 0),
    (2, _digits(LIAM), "s.whatsapp.net", 0),
    (3, _digits(CHLOE), "s.whatsapp.net", 0),
    (4, _digits(KATE), "s.whatsapp.net", 0),
    (5, _digits(MUM), "s.whatsapp.net", 0),
    (6, _digits(TOM), "s.whatsapp.net", 0),
    (7, _digits(DAN), "s.whatsapp.net", 0),
    (8, WA_GROUP_FAMILY, "g.us", 1),
    (9, WA_GROUP_FOOTBALL, "g.us", 1),
]
# chat rows: (_id, jid row, subject, created)
WA_CHATS = [
    (1, 1, None, None),
    (2, 2, None, None),
    (3, 3, None, None),
    (4, 4, None, None),
    (5, 8, "Dunn family", at(1, "09:00")),
    (6, 9, "Riverside Sunday FC", at(1, "09:30")),
]
WA_MEMBERS = [(8, 4), (8, 5), (9, 6), (9, 7)]   # (group jid row, member jid row)

# messages: (chat, from_me, sender jid row for group messages, time, text); text None + "image"
# for the picture.
WA_MESSAGES = [
    # Mia, UK, 13
    (1, 1, 0, at(3, "18:02"), "hey it's Jay from the game last night"),
    (1, 0, 0, at(3, "18:05"), "oh hi! how did you get my number?"),
    (1, 1, 0, at(3, "18:06"), "you put it in the group chat lol. how old are you?"),
    (1, 0, 0, at(3, "18:09"), "I'm 13, year 8. you?"),
    (1, 1, 0, at(3, "18:10"), "15. you seem really grown up for year 8"),
    (1, 1, 0, at(6, "20:14"), "don't tell your mum we talk, she wouldn't get it"),
    (1, 0, 0, at(6, "20:16"), "ok... why not?"),
    (1, 1, 0, at(6, "20:17"), "parents always overreact. it's our thing"),
    (1, 1, 0, at(10, "19:30"), "add me on snap, it's easier than here"),
    (1, 0, 0, at(10, "19:33"), "I'm not allowed snapchat"),
    (1, 1, 0, at(14, "21:02"), "send me a selfie so I know you're real"),
    (1, 0, 0, at(14, "21:10"), "no, my mum checks my photos"),
    (1, 0, 0, at(21, "16:45"), "I have to go, homework"),
    # Liam, Ireland, 14
    (2, 1, 0, at(5, "17:20"), "alright Liam, Jay here from the football game lobby"),
    (2, 0, 0, at(5, "17:25"), "hey! I'm 14, from Cork"),
    (2, 1, 0, at(5, "17:26"), "nice, I'm 15. I can top up your phone credit if you're running low"),
    (2, 0, 0, at(5, "17:31"), "serious? that'd be class, I'm down to 2 euro"),
    (2, 1, 0, at(5, "17:33"), "no problem. just keep it between us yeah"),
    (2, 1, 0, at(12, "18:40"), "sent you 10 euro credit. send me a photo of you in your jersey?"),
    (2, 0, 0, at(12, "18:52"), "thanks!! maybe later"),
    (2, 1, 0, at(19, "19:05"), "add me on snap, it's jay.k.15"),
    (2, 0, 0, at(19, "19:10"), "ok added"),
    # Chloe, Australia, 14 (moved here from Skype)
    (3, 0, 0, at(18, "09:12"), "hi it's Chloe from skype"),
    (3, 1, 0, at(18, "09:15"), "hey! much better on here, skype is dead"),
    (3, 0, 0, at(18, "09:17"), "haha true. mum thinks I'm doing homework"),
    # Kate, the owner's sister
    (4, 0, 0, at(4, "12:00"), "are you coming to mum's on Sunday?"),
    (4, 1, 0, at(4, "12:08"), "yes, I'll bring dessert"),
    (4, 0, 0, at(25, "10:30"), "can you pick up the cake on the way?"),
    (4, 1, 0, at(25, "10:31"), "sure"),
    # family group
    (5, 0, 5, at(9, "08:00"), "Happy birthday Kate! xx"),
    (5, 0, 4, at(9, "08:05"), "thanks mum!"),
    (5, 1, 0, at(9, "08:20"), "happy birthday sis"),
    # football club group
    (6, 0, 6, at(24, "20:00"), "Training moved to 10am Sunday"),
    (6, 0, 7, at(24, "20:04"), "I'll bring the cones"),
    (6, 1, 0, at(24, "20:10"), "see you there"),
    (6, 0, 6, at(26, "14:03"), None),   # the team photo, caption below
    (6, 1, 0, at(26, "14:10"), "great photo!"),
]
WA_IMAGE_CAPTION = "team photo from Sunday"
# Written after the checkpoint: these exist only in msgstore.db-wal.
WA_WAL_MESSAGES = [
    (1, 1, 0, at(27, "22:15"), "why are you ignoring me?"),
    (1, 1, 0, at(27, "22:18"), "if you stop answering I'll tell everyone at your school what you said"),
]
# call_log: (jid row, from_me, time, video, duration s, call_result 2 rejected/4 missed/5 answered)
WA_CALLS = [
    (4, 0, at(4, "12:30"), 0, 64, 5),
    (2, 0, at(12, "19:00"), 0, 125, 5),
    (1, 1, at(14, "21:15"), 0, 0, 4),
]


def _wa_message_rows(first_id: int, messages):
    """message rows in _WA_MESSAGE_COLS order (0 _id, 1 chat, 5 status, 7 timestamp, 11 text)."""
    rows = []
    for i, (chat, me, sender, t, text) in enumerate(messages):
        mid = first_id + i
        image = text is None
        ms = t * 1000
        rows.append((mid, chat, me, _key_id("wa", mid), sender, 13 if me else 0, 0, ms,
                     None if me else ms + 1500, ms + 400 if me else None, 1 if image else 0, text, mid))
    return rows


_WA_MESSAGE_COLS = ("_id, chat_row_id, from_me, key_id, sender_jid_row_id, status, broadcast, timestamp, "
                    "received_timestamp, receipt_server_timestamp, message_type, text_data, sort_id")


def _whatsapp_fill(image: bytes):
    def fill(con):
        _rows(con, "props", "_id, key, value", [(1, "user_push_name", OWNER_PERSONA)])
        _rows(con, "jid", "_id, user, server, agent, device, type, raw_string",
              [(i, u, s, 0, 0, t, "%s@%s" % (u, s)) for i, u, s, t in WA_JIDS])
        _rows(con, "group_participant_user", "_id, group_jid_row_id, user_jid_row_id, rank, pending, add_timestamp",
              [(n + 1, g, u, 0, 0, at(1, "09:00") * 1000) for n, (g, u) in enumerate(WA_MEMBERS)])
        # row ids in time order across chats, as the app assigns them
        rows = _wa_message_rows(1, sorted(WA_MESSAGES, key=lambda m: m[3]))
        _rows(con, "message", _WA_MESSAGE_COLS, rows)
        last = {}
        for r in rows:
            last[r[1]] = (r[0], r[7])
        _rows(con, "chat", "_id, jid_row_id, hidden, subject, created_timestamp, last_message_row_id, "
              "display_message_row_id, sort_timestamp, archived, unseen_message_count",
              [(c, j, 0, subj, created * 1000 if created else None, last[c][0], last[c][0], last[c][1], 0, 0)
               for c, j, subj, created in WA_CHATS])
        photo = next(r for r in rows if r[11] is None)
        _rows(con, "message_media", "message_row_id, chat_row_id, transferred, file_path, file_size, mime_type, "
              "file_length, media_name, file_hash, width, height, media_caption",
              [(photo[0], photo[1], 1, WA_IMAGE_PATH, len(image), "image/jpeg", len(image), None,
                base64.b64encode(hashlib.sha256(image).digest()).decode(), WA_IMAGE_SIZE[0], WA_IMAGE_SIZE[1],
                WA_IMAGE_CAPTION)])
        _rows(con, "call_log", "_id, jid_row_id, from_me, call_id, transaction_id, timestamp, video_call, duration, "
              "call_result, group_jid_row_id",
              [(n + 1, j, me, _key_id("wacall", n + 1, 32), n + 1, t * 1000, v, d, res, 0)
               for n, (j, me, t, v, d, res) in enumerate(WA_CALLS)])

    def fill_wal(con):
        first = len(WA_MESSAGES) + 1
        rows = _wa_message_rows(first, WA_WAL_MESSAGES)
        # status 5 delivered, then 4 sent: the child has stopped reading
        rows = [r[:5] + ((5 if n == 0 else 4),) + r[6:] for n, r in enumerate(rows)]
        _rows(con, "message", _WA_MESSAGE_COLS, rows)
        con.execute("UPDATE chat SET last_message_row_id=?, display_message_row_id=?, sort_timestamp=? WHERE _id=?",
                    (rows[-1][0], rows[-1][0], rows[-1][7], rows[-1][1]))

    return fill, fill_wal


# wa_contacts: (jid, is_whatsapp_user, number as in the address book, raw_contact_id, display_name,
#               given, family, wa_name, status)
WA_CONTACTS = [
    (_digits(MIA) + "@s.whatsapp.net", 1, "07700 900452", 101, "Mia", "Mia", None, "mia.x", "year 8 > year 7"),
    (_digits(LIAM) + "@s.whatsapp.net", 1, "+353 20 910 2468", 102, "Liam Cork", "Liam", None, "Liam B", "COYBIG"),
    (_digits(CHLOE) + "@s.whatsapp.net", 1, "+61 491 570 156", 103, "Chloe (skype)", "Chloe", None, "chlo", "art"),
    (_digits(AVA) + "@s.whatsapp.net", 1, "+1 416-555-0142", 104, "Ava", "Ava", None, "ava :)", None),
    (_digits(KATE) + "@s.whatsapp.net", 1, "07700 900231", 105, "Kate Dunn", "Kate", "Dunn", "Kate", "Available"),
    (_digits(MUM) + "@s.whatsapp.net", 1, "07700 900232", 106, "Mum", "Linda", "Dunn", "Linda", None),
    (_digits(TOM) + "@s.whatsapp.net", 1, "07700 900377", 107, "Tom Reid (FC)", "Tom", "Reid", "Tom R", None),
    (_digits(DAN) + "@s.whatsapp.net", 1, "07700 900389", 108, "Dan Cole (FC)", "Dan", "Cole", "Dan", None),
    (_digits(PRIYA) + "@s.whatsapp.net", 0, "07700 900318", 109, "Priya Shah (work)", "Priya", "Shah", None, None),
    (WA_GROUP_FAMILY + "@g.us", 1, None, None, "Dunn family", None, None, None, None),
    (WA_GROUP_FOOTBALL + "@g.us", 1, None, None, "Riverside Sunday FC", None, None, None, None),
]


def _wa_db_fill(con):
    _rows(con, "wa_contacts", "_id, jid, is_whatsapp_user, number, raw_contact_id, display_name, given_name, "
          "family_name, wa_name, status, status_timestamp",
          [(n + 1, j, u, num, raw, disp, given, fam, wa, st, at(1, "08:00") * 1000 if st else None)
           for n, (j, u, num, raw, disp, given, fam, wa, st) in enumerate(WA_CONTACTS)])


# --------------------------------------------------------------------------
# Android SMS (mmssms.db)
SMS_ADDRESSES = [MIA, KATE, PRIYA, DENTIST, PARCELS]   # canonical_addresses / threads 1..5, in this order
# (address, type 1 inbox / 2 sent, time, body)
SMS_MESSAGES = [
    (MIA, 1, at(2, "19:40"), "hi is this Jay? it's Mia from the game"),
    (MIA, 2, at(2, "19:42"), "yes! text me on whatsapp instead, it's free"),
    (MIA, 1, at(2, "19:43"), "ok"),
    (KATE, 1, at(8, "18:00"), "Dinner at mum's moved to Sunday 1pm"),
    (KATE, 2, at(8, "18:05"), "ok thanks"),
    (PRIYA, 1, at(13, "08:50"), "running 10 min late for standup, start without me"),
    (PRIYA, 2, at(13, "08:51"), "no worries"),
    (DENTIST, 1, at(15, "09:00"), "Reminder: your dental check-up is on 22 Feb at 09:40. Reply C to cancel."),
    (MIA, 2, at(16, "22:05"), "you there? you didn't answer on whatsapp"),
    (MIA, 1, at(16, "22:30"), "sorry my phone got taken off me"),
    (MIA, 2, at(16, "22:31"), "don't tell your mum about me ok"),
    (PRIYA, 2, at(20, "17:30"), "report sent, have a good evening"),
    (PRIYA, 1, at(20, "17:41"), "thanks, you too"),
    (MIA, 1, at(23, "17:02"), "please stop texting me so late"),
    (MIA, 2, at(23, "17:05"), "why? we're friends aren't we"),
    (PARCELS, 1, at(24, "07:30"), "Your parcel will arrive today between 10:00 and 12:00."),
    (KATE, 1, at(25, "10:29"), "also can you bring the folding chairs?"),
    (KATE, 2, at(25, "10:35"), "will do"),
    (PRIYA, 1, at(27, "08:30"), "can you cover the 2pm call?"),
    (PRIYA, 2, at(27, "08:32"), "yes, no problem"),
]


def _sms_fill(con):
    _rows(con, "canonical_addresses", "_id, address", [(n + 1, a) for n, a in enumerate(SMS_ADDRESSES)])
    rows = []
    for n, (addr, typ, t, body) in enumerate(SMS_MESSAGES):
        thread = SMS_ADDRESSES.index(addr) + 1
        ms = t * 1000
        rows.append((n + 1, thread, addr, ms, ms - 2000 if typ == 1 else 0, 1, -1 if typ == 1 else 0, typ, body, 1,
                     "com.google.android.apps.messaging" if typ == 2 else None))
    _rows(con, "sms", "_id, thread_id, address, date, date_sent, read, status, type, body, seen, creator", rows)
    threads = []
    for n, addr in enumerate(SMS_ADDRESSES):
        mine = [r for r in rows if r[1] == n + 1]
        threads.append((n + 1, mine[-1][3], len(mine), str(n + 1), mine[-1][8], 1))
    _rows(con, "threads", "_id, date, message_count, recipient_ids, snippet, read", threads)


# --------------------------------------------------------------------------
# Android call log (calllog.db)
# (number as stored (Mia's both as dialled and in international form), type 1 in / 2 out / 3 missed,
#  time, duration s, cached contact name)
CALLS = [
    ("07700900452", 2, at(3, "18:30"), 0, "Mia"),
    ("+447700900452", 2, at(6, "20:30"), 312, "Mia"),
    (KATE, 1, at(7, "12:00"), 95, "Kate Dunn"),
    (LIAM, 2, at(12, "18:45"), 140, "Liam Cork"),
    (CHLOE, 3, at(18, "09:30"), 0, None),
    (PRIYA, 1, at(20, "08:40"), 60, "Priya Shah (work)"),
    (DENTIST, 1, at(22, "08:55"), 30, None),
    ("07700900452", 2, at(27, "22:20"), 0, "Mia"),
]


def _normalize(number: str) -> str:
    return "+44" + number[1:] if number.startswith("0") else number


def _calllog_fill(con):
    _rows(con, "properties", "property_key, property_value", [("call_log_last_synced", str(at(28, "00:00") * 1000))])
    _rows(con, "calls", "_id, number, presentation, date, duration, type, features, phone_account_address, new, "
          "name, numbertype, countryiso, is_read, normalized_number, formatted_number, last_modified",
          [(n + 1, num, 1, t * 1000, d, typ, 0, OWNER_PHONE, 1 if typ == 3 else 0, name, 2 if name else 0, "GB",
            1, _normalize(num), num, t * 1000 + d * 1000)
           for n, (num, typ, t, d, name) in enumerate(CALLS)])


# --------------------------------------------------------------------------
# iOS Messages (sms.db, iOS 17)
IOS_HANDLES = [(1, AVA, "ca"), (2, MUM, "gb")]   # ROWID, id, country
IOS_CHATS = [(1, 1), (2, 2)]                      # chat ROWID, handle ROWID
# (chat, from_me, time, text, text only in attributedBody)
IOS_MESSAGES = [
    (1, 0, at(8, "23:10"), "hey Jay! sorry I was at hockey practice", False),
    (1, 1, at(8, "23:12"), "no worries. how old are you anyway?", False),
    (1, 0, at(8, "23:14"), "13, grade 8. you?", True),
    (1, 1, at(8, "23:15"), "15. age is just a number though", False),
    (2, 0, at(10, "10:00"), "Don't forget Sunday lunch, 1pm", False),
    (2, 1, at(10, "10:05"), "I'll be there", False),
    (1, 0, at(11, "02:30"), "can't sleep", False),
    (1, 1, at(11, "02:31"), "what's wrong?", False),
    (1, 0, at(11, "02:40"), "sometimes I feel like I want to disappear", True),
    (1, 1, at(11, "02:42"), "you can always talk to me. I'm the only one who gets you", False),
    (1, 1, at(11, "02:44"), "don't tell your parents about me, they'd freak out", False),
    (1, 1, at(17, "22:00"), "send me a pic of you? want to see who I'm talking to", False),
    (1, 0, at(17, "22:15"), "maybe tomorrow", False),
    (1, 1, at(23, "23:30"), "I can send you a gift card for your game if you want", False),
    (1, 0, at(23, "23:35"), "really? thank you!!", True),
    (2, 0, at(24, "18:00"), "Thanks for the flowers love x", False),
    (2, 1, at(24, "18:05"), "glad you liked them x", False),
    (1, 0, at(26, "01:10"), "my mom asked who I'm texting", False),
    (1, 1, at(26, "01:12"), "say it's someone from school", False),
    (1, 0, at(26, "01:15"), "ok", True),
]


def attributed_body(text: str) -> bytes:
    """message.attributedBody as Messages writes it: a typedstream-archived NSAttributedString
    (the same bytes as iosmessages_test.cpp attributedBody())."""
    raw = text.encode()
    length = bytes([len(raw)]) if len(raw) < 0x80 else bytes([0x81, len(raw) & 0xFF, len(raw) >> 8])
    return (bytes([0x04, 0x0B]) + b"streamtyped"
            + bytes([0x81, 0xE8, 0x03, 0x84, 0x01, 0x40, 0x84, 0x84, 0x84, 0x12]) + b"NSAttributedString"
            + bytes([0x00, 0x84, 0x84, 0x08]) + b"NSObject" + bytes([0x00, 0x85, 0x92, 0x84, 0x84, 0x84, 0x08])
            + b"NSString" + bytes([0x01, 0x94, 0x84, 0x01, 0x2B]) + length + raw
            + bytes([0x86, 0x84, 0x02]) + b"iI" + bytes([0x01]))


def _cocoa_ns(t: int) -> int:
    return (t - COCOA_EPOCH) * 1_000_000_000


def _ios_fill(con):
    _rows(con, "_SqliteDatabaseProperties", "key, value",
          [("counter_in_all", str(sum(1 for m in IOS_MESSAGES if not m[1]))),
           ("counter_out_all", str(sum(1 for m in IOS_MESSAGES if m[1])))])
    _rows(con, "handle", "ROWID, id, country, service, uncanonicalized_id",
          [(r, h, c, "iMessage", None) for r, h, c in IOS_HANDLES])
    handle_id = {r: h for r, h, _c in IOS_HANDLES}
    _rows(con, "chat", "ROWID, guid, style, state, chat_identifier, service_name, account_id, account_login, "
          "last_addressed_handle",
          [(c, "iMessage;-;" + handle_id[h], 45, 3, handle_id[h], "iMessage",
            "8D6B4F2A-0C1E-4E8B-9A57-3B2D1C0F9E%02d" % c, "E:" + OWNER_EMAIL, OWNER_PHONE) for c, h in IOS_CHATS])
    _rows(con, "chat_handle_join", "chat_id, handle_id", IOS_CHATS)
    rows, joins = [], []
    for n, (chat, me, t, text, only_body) in enumerate(IOS_MESSAGES):
        rowid = n + 1
        date = _cocoa_ns(t)
        # outgoing: delivered after 2 s, read (receipt) after 90 s; incoming: read by the owner after 90 s
        rows.append((rowid, "6A1F%04X-2B3C-4D5E-8F90-%012X" % (rowid, rowid * 7919), None if only_body else text,
                     attributed_body(text), dict(IOS_CHATS)[chat], "iMessage", "e:" + OWNER_EMAIL, OWNER_PHONE,
                     date, _cocoa_ns(t + 90), _cocoa_ns(t + 2) if me else 0, 1, 1, me, 0 if me else 1, me, rowid))
        joins.append((chat, rowid, date))
    _rows(con, "message", "ROWID, guid, text, attributedBody, handle_id, service, account, destination_caller_id, "
          "date, date_read, date_delivered, is_delivered, is_finished, is_from_me, is_read, is_sent, sort_id", rows)
    _rows(con, "chat_message_join", "chat_id, message_id, message_date", joins)


# --------------------------------------------------------------------------
# Skype (main.db)
SKYPE_CONVS = [  # (convo id, partner, display name, legacy chat name)
    (101, PRIYA_SKYPE, "Priya Shah", "#%s/$%s;1a2b3c4d5e6f7081" % (PRIYA_SKYPE, OWNER_SKYPE)),
    (102, CHLOE_SKYPE, "Chloe N", "#%s/$%s;9f8e7d6c5b4a3921" % (CHLOE_SKYPE, OWNER_SKYPE)),
]
# (convo, from_me, time, text)
SKYPE_MESSAGES = [
    (101, 0, at(1, "09:05"), "morning, can you send me the Q1 figures before 11?"),
    (101, 1, at(1, "09:20"), "sent, let me know if anything looks off"),
    (101, 0, at(1, "09:40"), "looks good, thanks"),
    (102, 0, at(4, "10:00"), "hi, are you the one from the art server?"),
    (102, 1, at(4, "10:02"), "yeah it's Jay. this is my dad's old account lol"),
    (102, 0, at(4, "10:04"), "haha ok. I'm 14, year 9"),
    (102, 1, at(4, "10:05"), "I'm 15. your drawings are amazing btw"),
    (102, 1, at(11, "09:30"), "I'll send you a gift card so you can get the new brushes app"),
    (102, 0, at(11, "09:35"), "omg really? thanks"),
    (102, 1, at(11, "09:36"), "just don't tell anyone, they'll get jealous"),
    (102, 1, at(14, "09:00"), "send me a photo of you so I know who I'm talking to"),
    (102, 0, at(14, "09:10"), "idk, I don't really send pics"),
    (101, 0, at(15, "14:00"), "team lunch on Friday, are you in?"),
    (101, 1, at(15, "14:02"), "count me in &amp; I'll book the table"),
    (102, 1, at(17, "10:20"), "skype is so slow. add me on whatsapp: +44 7700 900100"),
    (102, 0, at(17, "10:25"), "ok will do tonight"),
    (101, 0, at(22, "11:00"), "the client moved the review to Monday"),
    (101, 1, at(22, "11:04"), "ok, I'll update the slides"),
    (101, 0, at(28, "16:45"), "thanks for today, the review went well"),
    (101, 1, at(28, "16:50"), "great, see you tomorrow"),
]


def _skype_fill(con):
    _rows(con, "Accounts", "id, is_permanent, skypename, fullname, displayname, phone_mobile, emails, country, city, "
          "birthday, profile_timestamp, type",
          [(1, 1, OWNER_SKYPE, OWNER_NAME, OWNER_NAME, "+44 7700 900100", OWNER_EMAIL, "gb", "Riverside", 19870412,
            at(1, "08:00"), 1)])
    _rows(con, "Contacts", "id, is_permanent, type, skypename, fullname, displayname, given_displayname, phone_mobile, "
          "country, buddystatus, isauthorized",
          [(10, 1, 1, PRIYA_SKYPE, "Priya Shah", "Priya Shah", None, "+44 7700 900318", "gb", 3, 1),
           (11, 1, 1, CHLOE_SKYPE, "Chloe N", "Chloe N", "Chloe (art)", "+61 491 570 156", "au", 3, 1)])
    first = {}
    for conv, _me, t, _text in SKYPE_MESSAGES:
        first.setdefault(conv, t)
    _rows(con, "Conversations", "id, is_permanent, identity, type, displayname, creation_timestamp, "
          "inbox_timestamp, last_activity_timestamp, dialog_partner",
          [(c, 1, p, 1, d, first[c] - 60, max(t for cc, _m, t, _x in SKYPE_MESSAGES if cc == c),
            max(t for cc, _m, t, _x in SKYPE_MESSAGES if cc == c), p) for c, p, d, _n in SKYPE_CONVS])
    parts = []
    for c, p, _d, _n in SKYPE_CONVS:
        parts += [(len(parts) + 1, 1, c, OWNER_SKYPE, 3), (len(parts) + 2, 1, c, p, 3)]
    _rows(con, "Participants", "id, is_permanent, convo_id, identity, rank", parts)
    _rows(con, "Chats", "id, is_permanent, name, type, dialog_partner, friendlyname, participants, activemembers, "
          "conv_dbid, timestamp, activity_timestamp",
          [(20 + n, 1, name, 2, p, d, "%s %s" % (p, OWNER_SKYPE), "%s %s" % (p, OWNER_SKYPE), c, first[c] - 60,
            first[c]) for n, (c, p, d, name) in enumerate(SKYPE_CONVS)])
    convs = {c: (p, d, name) for c, p, d, name in SKYPE_CONVS}
    rows = []
    for n, (c, me, t, text) in enumerate(SKYPE_MESSAGES):
        partner, pname, chatname = convs[c]
        rows.append((201 + n, 1, c, chatname, OWNER_SKYPE if me else partner, OWNER_NAME if me else pname,
                     partner, t, 61, 2 if me else None, 2 if me else 4, text,
                     hashlib.sha256(("skype:%d" % n).encode()).digest()[:16], 3 if me else 4))
    _rows(con, "Messages", "id, is_permanent, convo_id, chatname, author, from_dispname, dialog_partner, timestamp, "
          "type, sending_status, chatmsg_status, body_xml, guid, chatmsg_type", rows)


# --------------------------------------------------------------------------
# Chrome (History)
CHROME_URLS = [  # (id, url, title)
    (1, "https://news.example.net/", "News - Front page"),
    (2, "https://riversidesundayfc.example.org/fixtures", "Riverside Sunday FC - Fixtures"),
    (3, "https://www.google.com/search?q=send+mobile+top+up+to+ireland&oq=send+mobile+top+up",
     "send mobile top up to ireland - Google Search"),
    (4, "https://topup.example.com/ireland", "International mobile top-up - Ireland"),
    (5, "https://www.google.com/search?q=buy+gift+card+online+australia&oq=buy+gift+card",
     "buy gift card online australia - Google Search"),
    (6, "https://giftcards.example.com/au", "Digital gift cards - Australia"),
    (7, "https://mail.example.com/inbox", "Inbox"),
]
# visits: (url id, time, transition, from visit)   805306368 LINK|chain, 805306373 GENERATED|chain,
# 838860801 TYPED|FROM_ADDRESS_BAR|chain
CHROME_VISITS = [
    (1, at(1, "07:45"), 838860801, 0),
    (7, at(1, "08:55"), 838860801, 0),
    (2, at(3, "20:10"), 805306368, 0),
    (3, at(5, "17:40"), 805306373, 0),
    (4, at(5, "17:41", 12), 805306368, 4),
    (4, at(12, "18:35"), 838860801, 0),
    (5, at(11, "09:20"), 805306373, 0),
    (6, at(11, "09:21", 30), 805306368, 7),
    (1, at(24, "07:50"), 838860801, 0),
    (2, at(24, "20:05"), 805306368, 0),
]
CHROME_SEARCHES = [(3, "send mobile top up to ireland"), (5, "buy gift card online australia")]


def _webkit(t: int) -> int:
    return (t + WEBKIT_OFFSET) * 1_000_000


def _chrome_fill(con):
    _rows(con, "meta", "key, value", [("mmap_status", "-1"), ("version", "66"), ("last_compatible_version", "16")])
    urls = []
    for uid, url, title in CHROME_URLS:
        times = [t for u, t, _tr, _f in CHROME_VISITS if u == uid]
        typed = sum(1 for u, _t, tr, _f in CHROME_VISITS if u == uid and (tr & 0xFF) == 1)
        urls.append((uid, url, title, len(times), typed, _webkit(max(times)), 0))
    _rows(con, "urls", "id, url, title, visit_count, typed_count, last_visit_time, hidden", urls)
    _rows(con, "visits", "id, url, visit_time, from_visit, transition, segment_id, visit_duration",
          [(n + 1, u, _webkit(t), f, tr, 0, 20_000_000) for n, (u, t, tr, f) in enumerate(CHROME_VISITS)])
    _rows(con, "keyword_search_terms", "keyword_id, url_id, term, normalized_term",
          [(2, u, term, term.lower()) for u, term in CHROME_SEARCHES])


# --------------------------------------------------------------------------
# entry points
def wa_image(make_jpeg) -> bytes:
    return make_jpeg(WA_IMAGE_SIZE[0], WA_IMAGE_SIZE[1], WA_IMAGE_SEED)


def write(which: str, path: str, make_jpeg) -> str:
    """Write the payload WHICH to PATH; return its content type for the manifest."""
    if which == "whatsapp-msgstore":          # also writes PATH-wal
        fill, fill_wal = _whatsapp_fill(wa_image(make_jpeg))
        _create_with_wal(path, WHATSAPP_MSGSTORE_DDL, fill, fill_wal)
        check_wal_only(path, "message", len(WA_WAL_MESSAGES))
        return "sqlite"
    if which == "whatsapp-msgstore-wal":      # written with msgstore.db, just before
        if not path.endswith("-wal") or not os.path.exists(path) or not os.path.exists(path[:-4]):
            raise ValueError("%s: list msgstore.db before its -wal" % path)
        return "sqlite-wal"
    if which == "whatsapp-image":
        with open(path, "wb") as f:
            f.write(wa_image(make_jpeg))
        return "jpeg"
    builders = {
        "whatsapp-wa": (WHATSAPP_WA_DDL, _wa_db_fill),
        "android-sms": (ANDROID_MMSSMS_DDL, _sms_fill),
        "android-calllog": (ANDROID_CALLLOG_DDL, _calllog_fill),
        "ios-sms": (IOS_SMS_DDL, _ios_fill),
        "skype": (SKYPE_MAIN_DDL, _skype_fill),
        "chrome-history": (CHROME_HISTORY_DDL, _chrome_fill),
    }
    if which not in builders:
        raise ValueError("unknown chat database " + which)
    ddl, fill = builders[which]
    _create(path, ddl, fill)
    return "sqlite"


def check_wal_only(path: str, table: str, expected: int) -> None:
    """Open copies of PATH with and without its -wal: exactly EXPECTED rows of TABLE must be
    in the WAL alone (the checkpoint happened, and the WAL is valid after the salt rewrite)."""
    with tempfile.TemporaryDirectory() as tmp:
        main_only = os.path.join(tmp, "main.db")
        both = os.path.join(tmp, "both.db")
        shutil.copyfile(path, main_only)
        shutil.copyfile(path, both)
        shutil.copyfile(path + "-wal", both + "-wal")
        counts = []
        for p in (main_only, both):
            con = sqlite3.connect(p)
            counts.append(con.execute("SELECT count(*) FROM %s" % table).fetchone()[0])
            con.close()
    if counts[1] - counts[0] != expected:
        raise RuntimeError("%s: %d rows of %s only in the WAL, expected %d" % (path, counts[1] - counts[0], table,
                                                                               expected))


ALL = [  # (which, file name for the CLI)
    ("whatsapp-msgstore", "msgstore.db"), ("whatsapp-msgstore-wal", "msgstore.db-wal"), ("whatsapp-wa", "wa.db"),
    ("whatsapp-image", "IMG-20240226-WA0001.jpg"), ("android-sms", "mmssms.db"), ("android-calllog", "calllog.db"),
    ("ios-sms", "sms.db"), ("skype", "main.db"), ("chrome-history", "History"),
]


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    sys.dont_write_bytecode = True       # no __pycache__ in the source tree
    from evidence_gen import make_jpeg   # pylint: disable=import-outside-toplevel
    os.makedirs(argv[1], exist_ok=True)
    for which, name in ALL:
        print("%-22s %s (%s)" % (which, name, write(which, os.path.join(argv[1], name), make_jpeg)))


if __name__ == "__main__":
    main(sys.argv)
