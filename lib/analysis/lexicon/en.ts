/**
 * English sentiment and emotion lexicon for lib/analysis/sentiment.ts, written
 * for Deskmate (not derived from a third-party lexicon). Valences run from -4
 * (very negative) to +4 (very positive), VADER-style; an entry may be a single
 * word or a phrase of up to five words (phrases win over their words).
 * Inflections not listed fall back to a crude stem (see sentiment.ts).
 */

/** Valence → space-separated words; phrases use '_' for spaces. */
export const EN_VALENCE: Record<string, string> = {
  '3.2':
    'excellent outstanding superb fantastic phenomenal brilliant flawless perfect perfectly exceptional ' +
    'thank_you_so_much thanks_so_much thank_you_very_much thanks_a_million thank_you_so_so_much love_it loved_it love_this ' +
    'best_service above_and_beyond lifesaver life_saver',
  '2.8':
    'amazing awesome wonderful fabulous terrific delighted delightful love loved loving lovely thrilled ' +
    'incredible marvelous marvellous stellar impressive impressed grateful thankful best ' +
    'thanks_a_lot thank_you_very much_appreciated really_appreciate highly_recommend works_perfectly worked_perfectly ' +
    'problem_solved issue_resolved all_sorted you_rock',
  '2.2':
    'great happy pleased glad satisfied appreciate appreciated helpful superb enjoy enjoyed enjoying ' +
    'beautiful recommend recommended reliable smooth seamless quick speedy efficient friendly kind ' +
    'congratulations congrats yay hooray excited exciting nice cool ' +
    'thank_you thanks thank thx ty resolved fixed solved sorted works_now working_now works_great ' +
    'good_job well_done nice_job much_better',
  '1.6':
    'good fine pleasant easy useful clear fast courteous polite patient professional responsive ' +
    'convenient comfortable worth fair affordable glad_to fun funny hilarious haha lol lmao ' +
    'hope hoping hopefully optimistic proud relieved relief support supportive ' +
    'better improved improvement safe secure accurate correct right_away quickly promptly ' +
    'no_problem no_worries no_rush all_good fair_enough makes_sense',
  '0.9':
    'ok okay alright like liked likes interesting agree yes yeah sure welcome please_keep ' +
    'decent reasonable adequate acceptable understand understood calm easier helped help_me_out',
  '-0.8':
    'issue issues problem problems concern concerned confused confusing unclear odd weird strange ' +
    'slow slowly late delay delayed delays wait waiting waited hold complicated difficult hard ' +
    'missing wrong error errors mistake mistakes glitch bug bugs inconvenient inconvenience ' +
    'unfortunately sorry expensive pricey overpriced charged_twice double_charged ' +
    'three_days two_days four_days five_days several_days two_weeks three_weeks a_week a_month ' +
    'on_hold no_reply no_answer',
  '-1.6':
    'bad poor unhappy sad upset annoyed annoying annoyance irritated irritating frustrated frustrating frustration ' +
    'disappointed disappointing disappointment worried worry worrying anxious nervous scared afraid fear ' +
    'broken broke faulty defective damaged crack cracked failed fail fails failure ' +
    'unreliable unresponsive unhelpful rude impolite careless lazy sloppy cheap mess messed ' +
    'cancel canceled cancelled cancellation refund complain complaint complaints ' +
    'lost stuck crash crashed crashes crashing hate_to ugh meh ' +
    'not_working stopped_working doesnt_work does_not_work didnt_work did_not_work isnt_working wont_work ' +
    'cant_log_in cannot_log_in cant_login still_waiting still_not never_arrived never_received not_received ' +
    'havent_received have_not_received hasnt_arrived has_not_arrived not_arrived no_response ' +
    'wrong_item wrong_order want_a_refund my_money_back money_back cancel_my_order',
  '-2.4':
    'terrible awful horrible horrendous dreadful atrocious worst pathetic useless worthless hopeless ' +
    'ridiculous absurd unacceptable outrageous appalling shocking shameful disgraceful ' +
    'angry mad furious livid outraged infuriating infuriated hate hated hates despise ' +
    'incompetent incompetence negligent scam scammed scammer fraud fraudulent ripoff rip_off ripped_off ' +
    'lied lie lying liar liars dishonest misleading cheated cheat stolen steal stealing ' +
    'disgusting disgusted gross nasty vile sick_of fed_up tired_of waste wasted ' +
    'nightmare disaster garbage trash junk crap crappy sucks sucked damn dammit wtf ' +
    'miserable heartbroken devastated depressed terrified horrified ' +
    'still_havent_received still_have_not_received still_not_received still_hasnt_arrived still_no ' +
    'cancel_my_subscription cancel_my_account close_my_account cancel_the_subscription ' +
    'waste_of_time waste_of_money never_again go_elsewhere taking_my_business_elsewhere ' +
    'take_my_business_elsewhere last_time_i switching_to false_advertising',
  '-3.2':
    'scum bullshit fucking fuck fucked shit shitty screw_you how_dare_you worst_ever ' +
    'absolutely_ridiculous completely_unacceptable totally_unacceptable beyond_ridiculous ' +
    'never_ever_again worst_service worst_company worst_experience',
};

/** Intensifiers (×) and diminishers (<1) that scale the next sentiment word. */
export const EN_DEGREE: Record<string, number> = {
  very: 1.3, really: 1.3, so: 1.3, extremely: 1.5, incredibly: 1.5, absolutely: 1.5, completely: 1.4,
  totally: 1.4, utterly: 1.5, super: 1.4, truly: 1.3, too: 1.2, highly: 1.3, seriously: 1.3,
  particularly: 1.2, especially: 1.2, exceptionally: 1.4, remarkably: 1.3, insanely: 1.5, ridiculously: 1.4,
  most: 1.2, more: 1.1, such: 1.2, quite: 1.1, fully: 1.2, hugely: 1.4, terribly: 1.4, awfully: 1.4,
  freaking: 1.4, fricking: 1.4, damn: 1.3, bloody: 1.3, fucking: 1.5, deeply: 1.4, beyond: 1.3,
  slightly: 0.6, somewhat: 0.7, kinda: 0.7, kind_of: 0.7, sort_of: 0.7, a_bit: 0.7, a_little: 0.7,
  little: 0.8, barely: 0.6, hardly: 0.6, marginally: 0.6, partly: 0.7, fairly: 0.9, pretty: 1.1,
  almost: 0.8, mostly: 0.9, rather: 0.9,
};

/** Words that negate the next few words (contractions are spelled without the apostrophe too). */
export const EN_NEGATORS =
  'not no never neither nor nobody nothing none nowhere without cannot cant dont doesnt didnt isnt arent ' +
  'wasnt werent wont wouldnt shouldnt couldnt havent hasnt hadnt aint mustnt neednt lack lacks lacking';

/** Emotion cue words and phrases ('_' for spaces), weight 1 unless suffixed ':w'. */
export const EN_EMOTION: Record<string, string> = {
  anger:
    'angry:2 furious:2.5 livid:2.5 outraged:2.5 mad:1.5 enraged:2.5 pissed:2 pissed_off:2.5 rage:2 ' +
    'unacceptable:2 ridiculous:1.5 absurd:1.5 outrageous:2 infuriating:2.5 infuriated:2.5 ' +
    'hate:1.5 hated:1.5 despise:2 disgusting:2 disgusted:2 gross:1.5 nasty:1.5 vile:2 ' +
    'scam:2 scammed:2 fraud:2 ripoff:2 rip_off:2 ripped_off:2 liar:2 lied:2 cheated:2 stealing:2 ' +
    'rude:1.5 incompetent:2 pathetic:2 disgrace:2 disgraceful:2 shameful:1.5 insulting:2 insult:1.5 ' +
    'how_dare:2.5 wtf:1.5 bullshit:2 fuck:2 fucking:1.5 damn:1 screw_you:2.5 shut_up:1.5 ' +
    'stupid:1.5 idiot:2 idiots:2 moron:2 garbage:1 trash:1 sick_of:1.5 hostile:1.5 offended:1.5 offensive:1.5',
  frustration:
    'still:1 again:1 yet_again:2 once_again:1.5 waited:1 waiting:1 wait:0.5 keep:0.5 keeps:1 kept:0.5 ' +
    'every_time:1.5 how_many_times:2 over_and_over:2 multiple_times:1.5 several_times:1.5 ' +
    'three_days:1 two_days:1 several_days:1.5 two_weeks:1.5 a_week:1 weeks:1 days:0.5 hours:0.5 ' +
    'frustrated:2 frustrating:2 frustration:2 annoyed:1.5 annoying:1.5 irritated:1.5 irritating:1.5 ' +
    'fed_up:2 tired_of:1.5 sick_of:1.5 useless:1 hassle:1.5 runaround:2 on_hold:1.5 ' +
    'no_one:1 nobody:1 no_response:1.5 no_reply:1.5 ignored:1.5 ignoring:1.5 stuck:1 ' +
    'not_working:1 doesnt_work:1 still_not:1.5 still_no:1.5 still_waiting:2 still_havent:2 ' +
    'ugh:1.5 seriously:0.5 already:0.5 another:0.3 confusing:1 complicated:1 pointless:1.5',
  sadness:
    'sad:2 sadly:1.5 unhappy:1.5 disappointed:2 disappointing:2 disappointment:2 let_down:2 ' +
    'upset:1.5 heartbroken:2.5 devastated:2.5 depressed:2 depressing:2 miserable:2 cry:1.5 crying:1.5 ' +
    'tears:1.5 sorry:1 unfortunately:1 regret:1.5 regrets:1.5 lonely:2 alone:1 hurt:1.5 hurts:1.5 ' +
    'pain:1 painful:1.5 grief:2 grieving:2 miss:1 missed:0.5 lost:0.5 loss:1 died:2 death:1.5 passed_away:2 ' +
    'rip:1.5 sucks:1 shame:1 too_bad:1.5 gutted:2 sigh:1 awful:0.5 terrible:0.5 hopeless:1.5 ' +
    'broke_my_heart:2.5 poor:0.5 feel_bad:1.5 ashamed:1.5 guilty:1.5 apologize:1 apologies:1',
  fear:
    'worried:2 worry:1.5 worrying:2 worried_about:2 scared:2 afraid:2 fear:2 fears:2 frightened:2 ' +
    'terrified:2.5 terrifying:2.5 scary:2 anxious:2 anxiety:2 nervous:2 panic:2 panicking:2 ' +
    'concerned:1.5 concern:1 concerns:1 unsafe:2 dangerous:1.5 danger:1.5 risk:1 risky:1.5 ' +
    'what_if:1 hacked:2 compromised:1.5 fraudulent_charge:1.5 unauthorized:1.5 creepy:1.5 ' +
    'horror:1.5 nightmare:1 dread:2 threatening:1.5 insecure:1 unsure:0.5',
  joy:
    'great:1.5 thanks:1.5 thank:1.5 thank_you:1.5 thx:1 grateful:2 appreciate:1.5 appreciated:1.5 ' +
    'love:2 loved:2 lovely:2 happy:2 glad:2 pleased:2 delighted:2.5 thrilled:2.5 excited:2 ' +
    'awesome:2 amazing:2 wonderful:2 excellent:2 perfect:1.5 fantastic:2 brilliant:2 beautiful:1.5 ' +
    'enjoy:1.5 enjoyed:1.5 fun:1.5 funny:1.5 lol:1.5 haha:1.5 hahaha:2 lmao:1.5 congrats:2 ' +
    'congratulations:2 yay:2 hooray:2 proud:1.5 relieved:1.5 hope:1 hopefully:1 cool:1 nice:1.5 ' +
    'good:1 best:1.5 well_done:2 good_job:2 works_now:1.5 resolved:1 fixed:1 sorted:1 agree:1 ' +
    'recommend:1 cute:1.5 sweet:1 glad_to:1.5 yes:0.5 welcome:0.5 wish:0.5 favorite:1.5 favourite:1.5',
  surprise:
    'wow:2 whoa:2 woah:2 omg:1.5 oh_my:1.5 oh_my_god:2 unexpected:2 unexpectedly:2 surprised:2 ' +
    'surprising:2 surprise:2 shocked:2 shocking:1.5 astonished:2 astonishing:2 amazed:1.5 ' +
    'cant_believe:2 cannot_believe:2 can_not_believe:2 didnt_expect:2 did_not_expect:2 ' +
    'never_expected:2 no_way:1.5 huh:1.5 curious:1.5 ' +
    'wonder:1 wondering:1 interesting:1 suddenly:1 out_of_nowhere:1.5 realize:1 realized:1',
};
